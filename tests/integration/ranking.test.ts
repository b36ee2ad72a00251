import { beforeAll, describe, expect, it } from "vitest";
import { haversineKm } from "../../app/domain/geo";
import { destination } from "../../app/domain/map-projection";
import { enqueueSearchSync } from "../../db/outbox.server";
import { prng, seedOemsAndPlants } from "../../db/seed.server";
import { MeilisearchApiError, MeilisearchRequestError } from "meilisearch";
import { nearestWithin, nearestWithinParams, rankForDemand, rankingFilter } from "../../search/ranking.server";
import { createSearch } from "../../search/client.server";
import { freePort } from "../../server/processes";
import { suppliersIndexIsStale, reindexSuppliers } from "../../search/reindex.server";
import { drainOutbox } from "../../search/sync.server";
import { testServices, type TestServices } from "../helpers/services";

let s: TestServices;
const center = { lat: 43.8, lng: 125.18 }; // the Audi FAW NEV plant, OEM05 in the reference data
const plant = { code: "OEM05" };
type Row = {
  id: string;
  lat: number;
  lng: number;
  cats: string[];
  certs: string[];
  status: "verified" | "pending" | "rejected";
};
const rows: Row[] = [];

beforeAll(async () => {
  s = await testServices();
  await seedOemsAndPlants(s.db);
  const row = await s.db
    .selectFrom("plants")
    .select(["lat", "lng"])
    .where("code", "=", plant.code)
    .executeTakeFirstOrThrow();
  expect(row).toEqual(center);
  const rand = prng(42);
  const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
  // 600 suppliers up to 180 km away, plus two on either side of the 100 km edge.
  for (let i = 0; i < 600; i++) {
    const p = destination(center, 180 * Math.sqrt(rand()), rand() * 360);
    rows.push({
      id: id(i + 1),
      lat: Math.round(p.lat * 1e6) / 1e6,
      lng: Math.round(p.lng * 1e6) / 1e6,
      cats: [["E01", "E02", "A01"][Math.floor(rand() * 3)]!, ...(rand() < 0.3 ? ["A06"] : [])],
      certs: rand() < 0.5 ? ["IATF16949"] : rand() < 0.5 ? ["ISO9001"] : [],
      status: rand() < 0.1 ? "rejected" : rand() < 0.6 ? "verified" : "pending",
    });
  }
  for (const [n, km, bearing] of [
    [9001, 99.9, 33],
    [9002, 100.1, 33],
    [9003, 99.95, 200],
    [9004, 100.05, 200],
  ] as const) {
    const p = destination(center, km, bearing);
    rows.push({ id: id(n), lat: p.lat, lng: p.lng, cats: ["E01"], certs: ["IATF16949"], status: "verified" });
  }
  // A supplier with a second, farther site: ranked by its nearest one.
  const near = destination(center, 12, 90),
    far = destination(center, 40, 270);
  rows.push({ id: id(9100), lat: near.lat, lng: near.lng, cats: ["A06"], certs: ["IATF16949"], status: "verified" });
  await s.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("organizations")
      .values(
        rows.map((r) => ({
          id: r.id,
          kind: "supplier" as const,
          name_zh: `测距供应商${r.id.slice(-4)}`,
          verification_status: r.status,
        })),
      )
      .execute();
    await trx
      .insertInto("supplier_sites")
      .values(rows.map((r) => ({ supplier_id: r.id, adcode: 220106, lat: r.lat, lng: r.lng, is_primary: true })))
      .execute();
    await trx
      .insertInto("supplier_sites")
      .values({ supplier_id: id(9100), adcode: 220106, lat: far.lat, lng: far.lng, is_primary: false })
      .execute();
    await trx
      .insertInto("supplier_categories")
      .values(rows.flatMap((r) => r.cats.map((c) => ({ supplier_id: r.id, category_code: c }))))
      .execute();
    const certs = rows.flatMap((r) => r.certs.map((c) => ({ supplier_id: r.id, kind: c as "IATF16949" })));
    await trx.insertInto("supplier_certifications").values(certs).execute();
    await enqueueSearchSync(
      trx,
      "supplier",
      rows.map((r) => r.id),
    );
  });
  while ((await drainOutbox(s.db, s.search, 1000)).processed > 0);
});

/** The independent answer: every row, filtered and measured here, sorted by distance then id. */
function expected(filter: (r: Row) => boolean, radiusKm: number, k: number) {
  return rows
    .filter(filter)
    .map((r) => ({ id: r.id, km: haversineKm(center, r) }))
    .filter((r) => r.km <= radiusKm)
    .sort((a, b) => a.km - b.km || (a.id < b.id ? -1 : 1))
    .slice(0, k);
}

describe("ranking for a demand", () => {
  it("returns exactly the nearest suppliers of a full haversine scan, in the same order, for many radii and sizes", async () => {
    for (const radius of [3, 10, 30, 60, 100, 150]) {
      for (const k of [1, 5, 20, 100]) {
        const filter = rankingFilter({ category: "E01", requiredCerts: [] });
        const { hits } = await nearestWithin(s.search, filter, plant, radius, k);
        const want = expected((r) => r.cats.includes("E01") && r.status !== "rejected", radius, k);
        expect(
          hits.map((h) => h.supplier_id),
          `r=${radius} k=${k}`,
        ).toEqual(want.map((w) => w.id));
        hits.forEach((h, i) => expect(h.distance_km).toBeCloseTo(want[i]!.km, 9));
      }
    }
  });

  it("is exact at the edge: 99.9 km and 99.95 km are in, 100.05 km and 100.1 km are out", async () => {
    const { hits } = await nearestWithin(
      s.search,
      rankingFilter({ category: "E01", requiredCerts: ["IATF16949"] }),
      plant,
      100,
      1000,
    );
    const ids = new Set(hits.map((h) => h.supplier_id.slice(-4)));
    expect([...["9001", "9003"].map((x) => ids.has(x)), ...["9002", "9004"].map((x) => ids.has(x))]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it("applies category, group and certification filters exactly and never lists rejected suppliers", async () => {
    const { hits } = await nearestWithin(
      s.search,
      rankingFilter({ category: "A06", requiredCerts: ["IATF16949"] }),
      plant,
      150,
      1000,
    );
    const want = expected(
      (r) => r.cats.includes("A06") && r.certs.includes("IATF16949") && r.status !== "rejected",
      150,
      1000,
    );
    expect(hits.map((h) => h.supplier_id)).toEqual(want.map((w) => w.id));
    const group = await nearestWithin(
      s.search,
      rankingFilter({ category: "A01", group: "A", requiredCerts: [] }),
      plant,
      50,
      1000,
    );
    const wantGroup = expected((r) => r.cats.some((c) => c.startsWith("A")) && r.status !== "rejected", 50, 1000);
    expect(group.hits.map((h) => h.supplier_id)).toEqual(wantGroup.map((w) => w.id));
  });

  it("ranks a supplier with several sites by its nearest site, once", async () => {
    const { hits } = await nearestWithin(
      s.search,
      rankingFilter({ category: "A06", requiredCerts: [] }),
      plant,
      100,
      1000,
    );
    const mine = hits.filter((h) => h.supplier_id.endsWith("9100"));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.distance_km).toBeCloseTo(12, 6);
    // Within 20 km the circle still holds it (by the near site) ...
    const narrow = await rankForDemand(s.search, { category: "A06", requiredCerts: [] }, plant, 20, {
      limit: 50,
      minInside: 100,
      outsideCount: 100,
    });
    expect(narrow.inside.some((h) => h.supplier_id.endsWith("9100"))).toBe(true);
    // ... and its farther site never lists it as outside.
    expect(narrow.outside.some((h) => h.supplier_id.endsWith("9100"))).toBe(false);
  });

  it("refuses a plant code that is not a safe attribute name instead of building a filter from it", async () => {
    await expect(
      nearestWithin(
        s.search,
        rankingFilter({ category: "E01", requiredCerts: [] }),
        { code: "OEM05 <= 1000 OR x" },
        100,
        5,
      ),
    ).rejects.toThrow(RangeError);
  });

  it("knows the index is stale when a plant is added or moved, and a rebuild measures from it", async () => {
    await reindexSuppliers(s.db, s.search);
    expect(await suppliersIndexIsStale(s.db)).toBe(false);
    const oem = await s.db
      .selectFrom("plants")
      .select("oem_id")
      .where("code", "=", plant.code)
      .executeTakeFirstOrThrow();
    await s.db
      .insertInto("plants")
      .values({
        code: "TEST99",
        oem_id: oem.oem_id,
        name_zh: "测试工厂",
        name_en: "Test plant",
        lat: center.lat + 0.5,
        lng: center.lng,
      })
      .execute();
    expect(await suppliersIndexIsStale(s.db)).toBe(true);
    await reindexSuppliers(s.db, s.search);
    expect(await suppliersIndexIsStale(s.db)).toBe(false);
    const { hits } = await nearestWithin(
      s.search,
      rankingFilter({ category: "E01", requiredCerts: [] }),
      { code: "TEST99" },
      30,
      5,
    );
    const want = rows
      .filter((r) => r.cats.includes("E01") && r.status !== "rejected")
      .map((r) => ({ id: r.id, km: haversineKm({ lat: center.lat + 0.5, lng: center.lng }, r) }))
      .filter((r) => r.km <= 30)
      .sort((a, b) => a.km - b.km || (a.id < b.id ? -1 : 1))
      .slice(0, 5);
    expect(hits.map((h) => h.supplier_id)).toEqual(want.map((w) => w.id));
    await expect(
      s.db
        .insertInto("plants")
        .values({ code: "BAD CODE", oem_id: oem.oem_id, name_zh: "坏", name_en: "Bad", lat: 43, lng: 125 })
        .execute(),
    ).rejects.toThrow(/plants_code_attribute_chk/);
  });

  it("adds the nearest outside the circle, marked, when the circle holds too few", async () => {
    const r = await rankForDemand(s.search, { category: "A06", requiredCerts: ["IATF16949"] }, plant, 15, {
      limit: 50,
      minInside: 8,
      outsideCount: 5,
    });
    const inside = expected(
      (x) => x.cats.includes("A06") && x.certs.includes("IATF16949") && x.status !== "rejected",
      15,
      50,
    );
    expect(inside.length).toBeLessThan(8);
    expect(r.inside.map((h) => h.supplier_id)).toEqual(inside.map((w) => w.id));
    const beyond = expected(
      (x) => x.cats.includes("A06") && x.certs.includes("IATF16949") && x.status !== "rejected",
      1000,
      1000,
    )
      .filter((w) => w.km > 15)
      .slice(0, 5);
    expect(r.outside.map((h) => h.supplier_id)).toEqual(beyond.map((w) => w.id));
    expect(r.outside.every((h) => h.distance_km > 15)).toBe(true);
  });
});

describe("the ranking's direct search path (searchRaw)", () => {
  it("keeps the client's error contract: an API error for a bad query, a request error when nobody answers", async () => {
    const bad = s.search.searchRaw("ranking", { q: "", filter: "no_such_field = 1" });
    await expect(bad).rejects.toBeInstanceOf(MeilisearchApiError);
    await expect(bad).rejects.toMatchObject({ name: "MeilisearchApiError" });
    // A port nothing listens on: refused, as when Meilisearch is down.
    const port = await freePort();
    const down = createSearch({ url: `http://127.0.0.1:${port}`, apiKey: "x", prefix: "none_", timeoutMs: 2_000 });
    const refused = down.searchRaw("ranking", { q: "" });
    await expect(refused).rejects.toBeInstanceOf(MeilisearchRequestError);
    // The demand ranking turns that into "search is down" by the error's name.
    await expect(refused).rejects.toMatchObject({ name: expect.stringMatching(/^Meilisearch/) });
  });

  it("answers the same hits as the meilisearch client for the same body", async () => {
    const body = nearestWithinParams(rankingFilter({ category: "A06", requiredCerts: [] }), plant, 100, 20);
    const viaClient = await s.search.client.index(s.search.uid("ranking")).search("", body);
    const direct = await s.search.searchRaw("ranking", { q: "", ...body });
    expect(direct.hits.length).toBeGreaterThan(0);
    expect(direct.hits).toEqual(viaClient.hits);
  });
});

describe("distances rounded to 100 m in the index, exact in the ranking (decision 021)", () => {
  const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
  const at = (km: number, bearing: number) => destination(center, km, bearing);
  // A crowded 100 m band: 30 suppliers from 60.04 km down to 59.953 km (all rounded to 60.0),
  // their ids growing as they get nearer, so neither the index's order inside the band nor the
  // ids give the nearest; one before the band and one after it.
  const band = Array.from({ length: 30 }, (_, i) => ({ n: 9200 + i, km: 60.04 - i * 0.003 }));
  const sites: { n: number; km: number; bearing: number; closed?: boolean; cat?: string }[] = [
    { n: 9199, km: 59.5, bearing: 10 },
    ...band.map((b, i) => ({ ...b, bearing: 20 + i * 9 })),
    { n: 9250, km: 60.5, bearing: 30 },
    // Two sites of one supplier in one band, 20 m apart, and another supplier between them:
    // the nearer site decides, exactly.
    { n: 9300, km: 30.04, bearing: 100, cat: "B02" },
    { n: 9300, km: 30.02, bearing: 250, cat: "B02" },
    { n: 9301, km: 30.03, bearing: 170, cat: "B02" },
    // Its nearest site closed: ranked by the open one.
    { n: 9302, km: 10, bearing: 45, closed: true, cat: "B02" },
    { n: 9302, km: 45, bearing: 300, cat: "B02" },
  ];

  beforeAll(async () => {
    const suppliers = [...new Set(sites.map((x) => x.n))];
    await s.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("organizations")
        .values(
          suppliers.map((n) => ({
            id: id(n),
            kind: "supplier" as const,
            name_zh: `同环供应商${n}`,
            verification_status: "verified" as const,
          })),
        )
        .execute();
      await trx
        .insertInto("supplier_sites")
        .values(
          sites.map((x) => ({
            supplier_id: id(x.n),
            adcode: 220106,
            ...at(x.km, x.bearing),
            is_primary: false,
            operating_status: x.closed ? ("closed" as const) : ("operating" as const),
          })),
        )
        .execute();
      await trx
        .insertInto("supplier_categories")
        .values(
          suppliers.map((n) => ({ supplier_id: id(n), category_code: sites.find((x) => x.n === n)!.cat ?? "B01" })),
        )
        .execute();
      await enqueueSearchSync(trx, "supplier", suppliers.map(id));
    });
    while ((await drainOutbox(s.db, s.search, 1000)).processed > 0);
  });

  const ranked = async (maxKm: number, k: number, category = "B01") =>
    (await nearestWithin(s.search, rankingFilter({ category, requiredCerts: [] }), plant, maxKm, k)).hits;

  it("orders a crowded band by exact distance, fetching the band whole when a page ends in it", async () => {
    const nearestInBand = [...band].sort((a, b) => a.km - b.km).map((b) => id(b.n));
    const ours = await ranked(100, 100);
    expect(ours.map((h) => h.supplier_id)).toEqual([id(9199), ...nearestInBand, id(9250)]);
    for (const k of [1, 5, 20, 31]) {
      const page = await ranked(60.3, k);
      expect(
        page.map((h) => h.supplier_id),
        `k=${k}`,
      ).toEqual([id(9199), ...nearestInBand].slice(0, k));
      page.forEach((h) => expect(h.distance_km).toBeLessThanOrEqual(60.3));
    }
  });

  it("applies the circle by exact distance, inside a band too", async () => {
    // 60.0 km rounds every site of the band to 60.0: only those at most 60 km away are in.
    const hits = await ranked(60, 100);
    const want = [
      9199,
      ...band
        .filter((b) => b.km <= 60)
        .sort((a, b) => a.km - b.km)
        .map((b) => b.n),
    ].map(id);
    expect(hits.map((h) => h.supplier_id)).toEqual(want);
    expect(hits.every((h) => h.distance_km <= 60)).toBe(true);
  });

  it("ranks a supplier by its nearest open site, exactly, when two of its sites share a band", async () => {
    const hits = await ranked(50, 100, "B02");
    expect(hits.map((h) => [h.supplier_id, Math.round(h.distance_km * 1000) / 1000])).toEqual([
      [id(9300), 30.02],
      [id(9301), 30.03],
      [id(9302), 45],
    ]);
  });
});
