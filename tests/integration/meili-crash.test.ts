import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSupplier, renameSupplier } from "../../db/suppliers.server";
import { createSearch, reconcileIndexes, type Search } from "../../search/client.server";
import { startEmbeddedMeili, type EmbeddedMeiliHandle } from "../../search/embedded.server";
import { inList } from "../../search/filter";
import { startOutboxWorker, type OutboxWorker } from "../../search/sync.server";
import { until } from "../helpers/app";
import { testServices, type TestServices } from "../helpers/services";

// kill -9 of Meilisearch in the middle of 1,000 profile updates: afterwards every
// supplier's document shows its latest name, none an older one.
let s: TestServices;
let meili: EmbeddedMeiliHandle;
let search: Search;
let worker: OutboxWorker;
let dir: string;

beforeAll(async () => {
  s = await testServices({ reconcile: false });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "peitao-crash-"));
  meili = await startEmbeddedMeili({ dir });
  search = createSearch({ url: meili.url, apiKey: meili.masterKey, prefix: "crash_", timeoutMs: 5_000 });
  await reconcileIndexes(search);
  worker = startOutboxWorker(s.db, search, { pollMs: 20, maxBackoffMs: 300 });
});

afterAll(async () => {
  await worker?.stop();
  await meili?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("Meilisearch killed during 1,000 updates", () => {
  it("ends with every update in the index and none applied from a stale read", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      ids.push(
        await createSupplier(s.db, {
          nameZh: `崩溃测试${i}号公司`,
          categories: ["E01"],
          site: { adcode: 220106, lat: 43.8 + i / 1000, lng: 125.2 },
        }),
      );
    }
    const latest = new Map<string, string>();
    let killed = false;
    for (let n = 0; n < 1000; n += 10) {
      await Promise.all(
        Array.from({ length: 10 }, async (_, j) => {
          const id = ids[(n + j) % ids.length]!;
          const name = `崩溃测试改名${n + j}号公司`;
          await renameSupplier(s.db, id, { nameZh: name });
          latest.set(id, name);
        }),
      );
      if (n === 300) {
        process.kill(meili.pid()!, "SIGKILL");
        killed = true;
      }
      if (n === 600) await meili.restart();
    }
    expect(killed).toBe(true);
    const index = search.client.index(search.uid("suppliers"));
    const check = async () => {
      const res = await index.getDocuments({
        filter: inList("supplier_id", ids),
        fields: ["supplier_id", "name_zh"],
        limit: 100,
      });
      const got = new Map(res.results.map((d) => [d.supplier_id as string, d.name_zh as string]));
      return ids.every((id) => got.get(id) === latest.get(id)) ? got : undefined;
    };
    const got = await until(check, 60_000, "every latest name in the index");
    expect(got.size).toBe(50);
    // And the outbox is drained: nothing is left to retry.
    await until(
      async () =>
        (await s.db.selectFrom("search_outbox").select("id").where("processed_at", "is", null).execute()).length === 0,
      30_000,
      "outbox drained",
    );
  });
});
