import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoIfEmpty } from "../../app/features/demo/seed-demo.server";
import { createSupplier } from "../../db/suppliers.server";
import { createSearch, reconcileIndexes, type Search } from "../../search/client.server";
import { startEmbeddedMeili, type EmbeddedMeiliHandle } from "../../search/embedded.server";
import { eq } from "../../search/filter";
import { startOutboxWorker, type OutboxWorker } from "../../search/sync.server";
import { serveApp, until, defaultSettings } from "../helpers/app";
import { testServices, type TestServices } from "../helpers/services";

// This file owns its Meilisearch process, so it can kill it without touching other files.
let s: TestServices;
let meili: EmbeddedMeiliHandle;
let search: Search;
let worker: OutboxWorker;
let app: Awaited<ReturnType<typeof serveApp>>;
let dir: string;

beforeAll(async () => {
  s = await testServices({ reconcile: false });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "peitao-outage-"));
  meili = await startEmbeddedMeili({ dir });
  search = createSearch({ url: meili.url, apiKey: meili.masterKey, prefix: "outage_", timeoutMs: 2_000 });
  await reconcileIndexes(search);
  await seedDemoIfEmpty(s.db);
  worker = startOutboxWorker(s.db, search, { pollMs: 50, maxBackoffMs: 300 });
  await worker.idle();
  app = await serveApp({ db: s.db, search, ...defaultSettings() });
});

afterAll(async () => {
  await app?.close();
  await worker?.stop();
  await meili?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("with Meilisearch killed while the app runs", () => {
  it("reports both services up at first", async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ database: "up", search: "up", down: [] });
  });

  it("/healthz answers 503 naming search, PostgreSQL-only pages keep working, and writes reach the index once it is back", async () => {
    process.kill(meili.pid()!, "SIGKILL");
    const health = await until(
      async () => {
        const res = await fetch(`${app.url}/healthz`);
        return res.status === 503 ? res.json() : undefined;
      },
      10_000,
      "healthz 503",
    );
    expect(health).toMatchObject({ database: "up", search: "down", down: ["search"] });

    const plants = await fetch(`${app.url}/plants`);
    expect(plants.status).toBe(200);
    expect(await plants.text()).toContain("奥迪一汽新能源汽车有限公司");

    const home = await fetch(`${app.url}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("搜索服务暂不可用");

    const directory = await fetch(`${app.url}/suppliers?q=x`);
    expect(directory.status).toBe(503);
    expect(await directory.text()).toContain("搜索服务暂不可用");

    // A write while search is down succeeds; its outbox row waits.
    const id = await createSupplier(s.db, {
      nameZh: "停机期间新增零部件有限公司",
      categories: ["C01"],
      site: { adcode: 220106, lat: 43.8, lng: 125.2 },
    });
    await new Promise((r) => setTimeout(r, 1_000));
    const row = await s.db
      .selectFrom("search_outbox")
      .selectAll()
      .where("entity_id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.processed_at).toBeNull();
    expect(row.attempts).toBeGreaterThan(0);
    expect(row.last_error).toBeTruthy();

    await meili.restart();
    const hits = await until(
      async () => {
        const res = await search.client.index(search.uid("suppliers")).search("", { filter: eq("supplier_id", id) });
        return res.hits.length > 0 ? res.hits : undefined;
      },
      20_000,
      "the write made during the outage to be indexed",
    );
    expect(hits[0]).toMatchObject({ name_zh: "停机期间新增零部件有限公司" });
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });
});
