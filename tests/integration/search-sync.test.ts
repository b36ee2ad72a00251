import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { haversineKm } from "../../app/domain/geo";
import { seedDemoIfEmpty } from "../../app/features/demo/seed-demo.server";
import { createSupplier, deleteSupplier, renameSupplier } from "../../db/suppliers.server";
import { RANKING_FIELDS, type RankingDocument, type SupplierDocument } from "../../search/settings";
import { reindexSuppliers } from "../../search/reindex.server";
import { DRAIN_ROWS, drainOutbox, startOutboxWorker } from "../../search/sync.server";
import { eq } from "../../search/filter";
import { applyIndexSettings, settle } from "../../search/client.server";
import { enqueueSearchSync } from "../../db/outbox.server";
import { testServices, type TestServices } from "../helpers/services";

let s: TestServices;
const index = () => s.search.client.index<SupplierDocument>(s.search.uid("suppliers"));
const rankingIndex = () => s.search.client.index<RankingDocument>(s.search.uid("ranking"));

async function drainAll() {
  for (;;) {
    const { processed } = await drainOutbox(s.db, s.search);
    if (processed === 0) return;
  }
}

beforeAll(async () => {
  s = await testServices();
});

describe("reference data and demo seed", () => {
  it("loads the gazetteer and the two-level taxonomy", async () => {
    // Jilin's 70 places, and the neighbouring provinces' 39 near its plants (neighbour_places.csv).
    const places = await s.db.selectFrom("places").select("adcode").execute();
    expect(places.filter((p) => p.adcode >= 220000 && p.adcode < 230000)).toHaveLength(70);
    expect(places.length - 70).toBe(39);
    const cats = await s.db
      .selectFrom("part_categories")
      .select(["level", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("level")
      .orderBy("level")
      .execute();
    expect(cats.map((c) => [c.level, Number(c.n)])).toEqual([
      [1, 10],
      [2, 65],
    ]);
    const nev = await s.db
      .selectFrom("part_categories")
      .select("code")
      .where("nev_key", "=", true)
      .where("level", "=", 2)
      .execute();
    expect(nev.map((c) => c.code)).toContain("A01");
  });

  it("seeds 14 plants, their OEMs and 300 sample suppliers, deterministically", async () => {
    expect(await seedDemoIfEmpty(s.db)).toBe(true);
    expect(await seedDemoIfEmpty(s.db)).toBe(false);
    const plants = await s.db.selectFrom("plants").select("code").orderBy("code").execute();
    expect(plants).toHaveLength(14);
    const suppliers = await s.db
      .selectFrom("organizations")
      .select(["name_zh", "name_en", "is_sample", "uscc"])
      .where("kind", "=", "supplier")
      .orderBy("name_zh")
      .execute();
    expect(suppliers).toHaveLength(300);
    expect(suppliers.every((x) => x.is_sample && x.name_zh.includes("示例"))).toBe(true);
    expect(new Set(suppliers.map((x) => x.uscc)).size).toBe(300);
    // Built as Chinese company names are: city + brand of two or three characters + line of
    // business + 有限公司, marked as samples; an English name of the same parts.
    for (const x of suppliers)
      expect(x.name_zh).toMatch(
        /^\p{Script=Han}{2,}(新能源科技|热管理系统|动力机械|底盘系统|车身部件|内外饰件|汽车电子|智能科技|精密制造|材料科技|汽车零部件)有限公司（示例）$/u,
      );
    for (const x of suppliers) expect(x.name_en).toMatch(/^[A-Z][A-Za-z ]+ Co\., Ltd\. \(sample\)$/);
    expect(new Set(suppliers.map((x) => x.name_zh)).size).toBeGreaterThan(290);
    const sites = await s.db.selectFrom("supplier_sites").select(["lat", "lng"]).execute();
    for (const site of sites) {
      expect(site.lat).toBeGreaterThan(40.8);
      expect(site.lat).toBeLessThan(46.4);
      expect(site.lng).toBeGreaterThan(121.5);
      expect(site.lng).toBeLessThan(131.4);
    }
  });

  it("drains the outbox into the index, one document per site", async () => {
    await drainAll();
    const stats = await index().getStats();
    expect(stats.numberOfDocuments).toBe(300);
    // The ranking index holds the same sites (decision 018).
    expect((await rankingIndex().getStats()).numberOfDocuments).toBe(300);
    const pending = await s.db.selectFrom("search_outbox").select("id").where("processed_at", "is", null).execute();
    expect(pending).toHaveLength(0);
  });
});

describe("search documents stay in step with PostgreSQL", () => {
  let id: string;
  it("finds a new supplier by its Chinese, English and pinyin name", async () => {
    id = await createSupplier(s.db, {
      nameZh: "长春富维精密冲压有限公司",
      nameEn: "Changchun Fuwei Precision Stamping Co., Ltd.",
      productsZh: "车身冲压件",
      categories: ["E01"],
      site: { adcode: 220106, lat: 43.83, lng: 125.2 },
      verification: "verified",
    });
    await drainAll();
    for (const q of ["富维精密", "Fuwei Stamping", "fuwei", "changchunfuwei"]) {
      const res = await index().search(q, { limit: 5 });
      expect(
        res.hits.map((h) => h.supplier_id),
        q,
      ).toContain(id);
    }
  });

  it("indexes category groups, names and the county's city", async () => {
    const res = await index().search("", { filter: eq("supplier_id", id) });
    const doc = res.hits[0]!;
    expect(doc.category_groups).toEqual(["E"]);
    expect(doc.county_adcode).toBe(220106);
    expect(doc.city_adcode).toBe(220100);
    expect(doc.location).toEqual({ lat: 43.83, lng: 125.2 });
    // Its distance from every plant, by plant code, the same haversine as everywhere else,
    // to the nearest 100 m (decision 021).
    const plants = await s.db.selectFrom("plants").select(["code", "lat", "lng"]).execute();
    expect(Object.keys(doc.plant_hm).sort()).toEqual(plants.map((p) => p.code).sort());
    for (const p of plants) expect(doc.plant_hm[p.code]).toBe(Math.round(haversineKm(p, doc.location) * 10));
    expect(doc).not.toHaveProperty("plant_km");
    expect(doc).not.toHaveProperty("_geo");
    expect(doc.name_pinyin).toContain("chang chun fu wei");
  });

  it("keeps the site's ranking document: the ranking's fields, no words, not found by text", async () => {
    const [full] = (await index().search("", { filter: eq("supplier_id", id) })).hits;
    const [ranked] = (await rankingIndex().search("", { filter: eq("supplier_id", id) })).hits;
    expect(Object.keys(ranked!).sort()).toEqual([...RANKING_FIELDS].sort());
    for (const f of RANKING_FIELDS.filter((f) => f !== "plant_km")) expect(ranked![f], f).toEqual(full![f]);
    // Its supplier's only site: it carries every plant's distance, exact beside rounded.
    const plants = await s.db.selectFrom("plants").select(["code", "lat", "lng"]).execute();
    for (const p of plants) expect(ranked!.plant_km[p.code]).toBeCloseTo(haversineKm(p, full!.location), 9);
    expect(ranked).not.toHaveProperty("name_pinyin");
    expect(ranked).not.toHaveProperty("products_zh");
    // Nothing in it is searchable: its name finds it in the directory only.
    expect((await rankingIndex().search("富维精密")).hits).toHaveLength(0);
    expect((await index().search("富维精密")).hits.map((h) => h.supplier_id)).toContain(id);
    const settings = await rankingIndex().getSettings();
    expect(settings.searchableAttributes).toEqual([]);
    expect(settings.prefixSearch).toBe("disabled");
    // One document a supplier carries each plant's distance: no distinct attribute to apply.
    expect(settings.distinctAttribute).toBeNull();
  });

  it("drops the distinct attribute of a ranking index from before decision 021 when the settings are applied", async () => {
    const uid = `${s.search.uid("ranking")}_old`;
    await settle(s.search, s.search.client.createIndex(uid, { primaryKey: "id" }));
    await settle(s.search, s.search.client.index(uid).updateSettings({ distinctAttribute: "supplier_id" }));
    await applyIndexSettings(s.search, "ranking", uid);
    expect((await s.search.client.index(uid).getSettings()).distinctAttribute).toBeNull();
    await settle(s.search, s.search.client.deleteIndex(uid));
  });

  it("drops a removed site from both indexes, keeping the supplier's other site", async () => {
    const second = await s.db
      .insertInto("supplier_sites")
      .values({ supplier_id: id, label: "二厂", adcode: 220106, lat: 43.9, lng: 125.3, is_primary: false })
      .returning("id")
      .executeTakeFirstOrThrow();
    await enqueueSearchSync(s.db, "supplier", [id]);
    await drainAll();
    const ids = async (i: typeof rankingIndex | typeof index) =>
      (await i().getDocuments({ filter: eq("supplier_id", id), fields: ["id"] })).results.map((d) => d.id).sort();
    expect(await ids(rankingIndex)).toHaveLength(2);
    expect(await ids(index)).toEqual(await ids(rankingIndex));
    await s.db.deleteFrom("supplier_sites").where("id", "=", second.id).execute();
    await enqueueSearchSync(s.db, "supplier", [id]);
    await drainAll();
    expect(await ids(rankingIndex)).toHaveLength(1);
    expect(await ids(rankingIndex)).not.toContain(second.id);
    expect(await ids(index)).toEqual(await ids(rankingIndex));
  });

  it("a drain of many suppliers, a task per few of them: every chunk's sites added and vanished ones deleted", async () => {
    const samples = await s.db
      .selectFrom("organizations")
      .select("id")
      .where("kind", "=", "supplier")
      .where("is_sample", "=", true)
      .orderBy("id")
      .execute();
    // One supplier in the first, one in a middle and one in the last chunk of 50.
    const picked = [samples[3]!.id, samples[160]!.id, samples[samples.length - 2]!.id];
    const extra = await s.db
      .insertInto("supplier_sites")
      .values(
        picked.map((sid) => ({
          supplier_id: sid,
          label: "三厂",
          adcode: 220106,
          lat: 43.9,
          lng: 125.3,
          is_primary: false,
        })),
      )
      .returning("id")
      .execute();
    const all = samples.map((x) => x.id);
    await enqueueSearchSync(s.db, "supplier", all);
    const siteIds = async (i: typeof rankingIndex | typeof index, sid: string) =>
      (await i().getDocuments({ filter: eq("supplier_id", sid), fields: ["id"] })).results.map((d) => d.id);
    expect(await drainOutbox(s.db, s.search, DRAIN_ROWS, 50)).toEqual({ processed: all.length, ran: true });
    for (const [k, sid] of picked.entries()) {
      for (const i of [rankingIndex, index]) {
        expect(await siteIds(i, sid)).toHaveLength(2);
        expect(await siteIds(i, sid)).toContain(extra[k]!.id);
      }
    }
    await s.db
      .deleteFrom("supplier_sites")
      .where(
        "id",
        "in",
        extra.map((e) => e.id),
      )
      .execute();
    await enqueueSearchSync(s.db, "supplier", all);
    expect(await drainOutbox(s.db, s.search, DRAIN_ROWS, 50)).toEqual({ processed: all.length, ran: true });
    for (const sid of picked)
      for (const i of [rankingIndex, index]) {
        expect(await siteIds(i, sid)).toHaveLength(1);
        expect(await siteIds(i, sid)).not.toContain(extra[picked.indexOf(sid)]!.id);
      }
    expect((await rankingIndex().getStats()).numberOfDocuments).toBe((await index().getStats()).numberOfDocuments);
  });

  it("marks a drain of more than 65,535 outbox rows done (it sent a parameter per row)", async () => {
    const some = await s.db.selectFrom("organizations").select("id").where("is_sample", "=", true).limit(3).execute();
    await sql`insert into search_outbox (entity, entity_id)
      select 'supplier', (${sql.val(some.map((x) => x.id))}::text[])[1 + g % 3] from generate_series(1, 70000) g`.execute(
      s.db,
    );
    expect(await drainOutbox(s.db, s.search, 70_000)).toEqual({ processed: 70_000, ran: true });
    const pending = await s.db.selectFrom("search_outbox").select("id").where("processed_at", "is", null).execute();
    expect(pending).toHaveLength(0);
  });

  it("applies renames from the current row and drops deleted suppliers", async () => {
    await renameSupplier(s.db, id, { nameZh: "长春富维新材料有限公司" });
    await renameSupplier(s.db, id, { nameZh: "长春富维汽车部件有限公司" });
    await drainAll();
    const res = await index().search("", { filter: eq("supplier_id", id) });
    expect(res.hits[0]!.name_zh).toBe("长春富维汽车部件有限公司");
    const ranked = await rankingIndex().search("", { filter: eq("supplier_id", id) });
    expect(ranked.hits[0]!.name_zh).toBe("长春富维汽车部件有限公司");
    await deleteSupplier(s.db, id);
    await drainAll();
    expect((await index().search("", { filter: eq("supplier_id", id) })).hits).toHaveLength(0);
    expect((await rankingIndex().search("", { filter: eq("supplier_id", id) })).hits).toHaveLength(0);
  });

  it("wakes on a committed change (LISTEN/NOTIFY) instead of waiting for its next poll", async () => {
    const worker = startOutboxWorker(s.db, s.search, { pollMs: 600_000, listenUrl: s.databaseUrl });
    try {
      await worker.idle();
      const target = (
        await s.db
          .selectFrom("organizations")
          .select("id")
          .where("kind", "=", "supplier")
          .orderBy("id")
          .executeTakeFirstOrThrow()
      ).id;
      await renameSupplier(s.db, target, { nameZh: "长春唤醒测试有限公司" });
      // With a ten-minute poll, only the notification can bring this in before the test's timeout.
      for (;;) {
        const res = await index().search("", { filter: eq("supplier_id", target), attributesToRetrieve: ["name_zh"] });
        if (res.hits[0]?.name_zh === "长春唤醒测试有限公司") break;
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await worker.stop();
    }
  }, 20_000);

  it("a filter value with a quote, a backslash and OR cannot widen the results", async () => {
    const all = await index().search("", { limit: 0 });
    expect(all.estimatedTotalHits).toBeGreaterThan(100);
    for (const evil of [
      'A01" OR category_codes EXISTS OR "x',
      'A01\\" OR supplier_id EXISTS',
      "A01) OR (is_sample = true",
      "\\",
      '"',
    ]) {
      const res = await index().search("", { filter: eq("category_codes", evil), limit: 0 });
      expect(res.estimatedTotalHits, evil).toBe(0);
    }
    const real = await index().search("", { filter: eq("category_codes", "A01"), limit: 0 });
    expect(real.estimatedTotalHits).toBeGreaterThan(0);
  });
});

describe("reindex", () => {
  it("rebuilds from PostgreSQL into a fresh index and swaps it in", async () => {
    // Make the live index wrong, then rebuild.
    await index().deleteAllDocuments().waitTask();
    expect((await index().getStats()).numberOfDocuments).toBe(0);
    const searches: Promise<unknown>[] = [];
    const progress: { documents: number; total: number }[] = [];
    const result = await reindexSuppliers(s.db, s.search, {
      batchSize: 50,
      onProgress: ({ documents, total }) => progress.push({ documents, total }),
    });
    searches.push(index().search("汽车"));
    await Promise.all(searches);
    expect(result.documents).toBe(300);
    // After each batch of 50 indexed, against the 300 documents counted first.
    expect(progress).toEqual([50, 100, 150, 200, 250, 300].map((documents) => ({ documents, total: 300 })));
    expect((await index().getStats()).numberOfDocuments).toBe(300);
    expect((await rankingIndex().getStats()).numberOfDocuments).toBe(300);
    const settings = await index().getSettings();
    expect(settings.distinctAttribute).toBe("supplier_id");
    expect((await rankingIndex().getSettings()).searchableAttributes).toEqual([]);
    const { results } = await s.search.client.getIndexes({ limit: 100 });
    expect(
      results
        .filter((i) => i.uid.startsWith(s.prefix))
        .map((i) => i.uid)
        .sort(),
    ).toEqual([s.search.uid("ranking"), s.search.uid("suppliers")].sort());
  });

  it("queues again the changes committed while it ran", async () => {
    let id = "";
    await reindexSuppliers(s.db, s.search, {
      // A supplier created and synced to the old live index after the rebuild read the table.
      beforeSwap: async () => {
        id = await createSupplier(s.db, {
          nameZh: "吉林市重建测试零部件有限公司",
          categories: ["D01"],
          site: { adcode: 220202, lat: 43.85, lng: 126.55 },
        });
        await drainAll();
        expect((await index().search("", { filter: eq("supplier_id", id) })).hits).toHaveLength(1);
      },
    });
    // The fresh index did not have it; its outbox row is pending again …
    expect((await index().search("", { filter: eq("supplier_id", id) })).hits).toHaveLength(0);
    const pending = await s.db
      .selectFrom("search_outbox")
      .select("entity_id")
      .where("processed_at", "is", null)
      .execute();
    expect(pending.map((p) => p.entity_id)).toContain(id);
    // … and the next drain puts it back.
    await drainAll();
    expect((await index().search("", { filter: eq("supplier_id", id) })).hits).toHaveLength(1);
  });

  it("reads on past a page of suppliers that have no sites", async () => {
    // Registered suppliers with no site yet, first in id order: a whole page of them.
    const siteless = [1, 2, 3].map((n) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`);
    await s.db
      .insertInto("organizations")
      .values(siteless.map((id) => ({ id, kind: "supplier" as const, name_zh: `无厂址供应商${id.slice(-1)}` })))
      .execute();
    const sites = Number(
      (
        await s.db
          .selectFrom("supplier_sites")
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const result = await reindexSuppliers(s.db, s.search, { batchSize: 3 });
    expect(result.documents).toBe(sites);
    expect((await index().getStats()).numberOfDocuments).toBe(sites);
    expect((await rankingIndex().getStats()).numberOfDocuments).toBe(sites);
  });
});
