import type { Browser } from "playwright-core";
import { afterAll } from "vitest";
import { seedDemoIfEmpty } from "../../app/features/demo/seed-demo.server";
import { startOutboxWorker } from "../../search/sync.server";
import { serveApp, defaultSettings } from "./app";
import { launchBrowser } from "./browser";
import { testServices, type TestServices } from "./services";

export interface DemoApp extends TestServices {
  url: string;
  browser: Browser;
}

/**
 * A test file's own Peitao: a fresh database and index prefix with the demo data, the
 * outbox drained, the built app served, and (when asked) a headless Chromium; all stopped
 * after the file.
 */
export async function demoApp(opts: { browser?: boolean } = {}): Promise<DemoApp> {
  const s = await testServices();
  await seedDemoIfEmpty(s.db);
  const worker = startOutboxWorker(s.db, s.search, { pollMs: 50 });
  await worker.idle();
  const app = await serveApp({ db: s.db, search: s.search, ...defaultSettings() });
  const browser = opts.browser ? await launchBrowser() : (undefined as unknown as Browser);
  afterAll(async () => {
    await browser?.close();
    await app.close();
    await worker.stop();
  });
  return { ...s, url: app.url, browser };
}
