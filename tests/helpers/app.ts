import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { createApp } from "../../server/app";
import { loadConfig, sessionLifetimeOf } from "../../server/config";
import type { PeitaoContext } from "../../app/context";

/** The context settings a start without any environment gets (defaults of the one schema). */
export function defaultSettings(): Pick<
  PeitaoContext,
  "publicConfig" | "thresholds" | "sessionLifetime" | "trustProxy"
> {
  const { env } = loadConfig({});
  return {
    publicConfig: { mapTileUrl: null },
    thresholds: { minInside: env.PEITAO_MIN_INSIDE, gapMin: env.PEITAO_GAP_MIN },
    sessionLifetime: sessionLifetimeOf(env),
    trustProxy: env.TRUST_PROXY,
  };
}

/** Serve the built Remix app (npm test builds it first) on a free port. */
export async function serveApp(context: PeitaoContext): Promise<{ url: string; close: () => Promise<void> }> {
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  const app = createApp(build, context);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function until<T>(
  fn: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
  label = "condition",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
