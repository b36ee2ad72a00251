import { beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import pg from "pg";
import { chainCellDetail, chainMap, type ChainMap } from "../../app/features/chain/chain-map.server";
import { chainGuide, guideXlsx } from "../../app/features/chain/guide.server";
import { chainQuery } from "../../app/features/chain/schemas";
import { createSession } from "../../db/sessions.server";
import { insertUser } from "../../db/users.server";
import { defaultSettings, serveApp } from "../helpers/app";
import { testServices, type TestServices } from "../helpers/services";

// A hand-built cluster around one plant (OEM11, Yanji; its OEM has no other plant). Every
// supplier stands due north or south of the plant, so its distance is Δlat × 111.19492664 km
// (R = 6371 km): +0.1° = 11.1 km, +0.3° = 33.4, +0.5° = 55.6, +1.2° = 133.4, +1.5° = 166.8,
// +2° = 222.4. The figures below are worked out by hand from these rows, not by the code.

let s: TestServices;
let plant: { id: string; code: string; lat: number; lng: number; adcode: number; oem_id: string };
let otherPlantId: string;
let liaoning: number;
const ids: Record<string, string> = {};
const official = { organizationKind: "agency" as const, organizationId: "00000000-0000-4000-8000-000000000000" };
const query = (over: Record<string, string> = {}) => chainQuery.parse({ year: "2025", ...over });

async function supplier(
  key: string,
  status: "verified" | "pending" | "rejected",
  dLat: number,
  categories: string[],
  opts: { adcode?: number; closed?: boolean } = {},
) {
  const { id } = await s.db
    .insertInto("organizations")
    .values({ kind: "supplier", name_zh: `测试${key}`, name_en: `Test ${key}`, verification_status: status })
    .returning("id")
    .executeTakeFirstOrThrow();
  await s.db
    .insertInto("supplier_sites")
    .values({
      supplier_id: id,
      adcode: opts.adcode ?? plant.adcode,
      lat: plant.lat + dLat,
      lng: plant.lng,
      operating_status: opts.closed ? "closed" : "operating",
    })
    .execute();
  await s.db
    .insertInto("supplier_categories")
    .values(categories.map((c) => ({ supplier_id: id, category_code: c })))
    .execute();
  ids[key] = id;
}

async function entry(e: {
  supplier?: string;
  outside?: string;
  category: string;
  fen: number;
  year?: number;
  jilin: boolean;
  circle: boolean;
  km: number | null;
  reverses?: number;
}): Promise<number> {
  const { id } = await s.db
    .insertInto("ledger_entries")
    .values({
      oem_id: plant.oem_id,
      plant_id: plant.id,
      supplier_id: e.supplier ? ids[e.supplier]! : null,
      outside_supplier_name: e.outside ?? null,
      supplier_province: e.jilin ? "吉林省" : "辽宁省",
      supplier_city_adcode: null,
      supplier_in_jilin: e.jilin,
      distance_km: e.km,
      inside_circle: e.circle,
      category_code: e.category,
      amount_fen: e.fen,
      period_year: e.year ?? 2025,
      period_quarter: 1,
      source: e.reverses ? "reversal" : "import",
      reverses_id: e.reverses ?? null,
      document_no: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return Number(id);
}

const cellOf = (m: ChainMap, col: string, cat: string) => {
  const c = m.cells.find((x) => x.column === col && x.category === cat);
  if (!c) throw new Error(`no cell ${col} ${cat}`);
  return c;
};

beforeAll(async () => {
  s = await testServices({ reconcile: false });
  const p = await s.db
    .selectFrom("plants")
    .select(["id", "code", "lat", "lng", "adcode", "oem_id"])
    .where("code", "=", "OEM11")
    .executeTakeFirstOrThrow();
  plant = { ...p, adcode: p.adcode! };
  otherPlantId = (await s.db.selectFrom("plants").select("id").where("code", "=", "OEM03").executeTakeFirstOrThrow())
    .id;
  liaoning = (
    await s.db
      .selectFrom("places")
      .select("adcode")
      .where("adcode", ">=", 210000)
      .where("adcode", "<", 220000)
      .orderBy("adcode")
      .executeTakeFirstOrThrow()
  ).adcode;

  // A01 (NEV key part): 2 verified inside (11.1 and 55.6 km), 1 pending inside; a verified
  // one at 133.4 km in Jilin; a verified one 166.8 km south with its site in Liaoning; a
  // verified one whose only site is closed and a rejected one, both inside: neither counts.
  await supplier("S1", "verified", 0.1, ["A01"]);
  await supplier("S2", "verified", 0.5, ["A01"]);
  await supplier("S3", "pending", 0.3, ["A01"]);
  await supplier("S4", "verified", 1.2, ["A01", "A02"]);
  await supplier("S5", "verified", -1.5, ["A01"], { adcode: liaoning });
  await supplier("S6", "verified", 0.05, ["A01"], { closed: true });
  await supplier("S7", "rejected", 0.05, ["A01"]);
  // The supplier that moves: inside (22.2 km) when its entry is posted, at 222.4 km afterwards.
  await supplier("S8", "verified", 0.2, ["A01"]);
  // A02: 3 verified inside.
  await supplier("S9", "verified", 0.2, ["A02"]);
  await supplier("S10", "verified", 0.3, ["A02"]);
  await supplier("S11", "verified", 0.4, ["A02"]);
  // A03: one pending inside, the nearest verified at 166.8 km.
  await supplier("S12", "pending", 0.1, ["A03"]);
  await supplier("S13", "verified", 1.5, ["A03"]);

  // A01 ledger 2025 (fen): 1,000,000 S1 local both ways; 3,000,000 S5 neither; 2,000,000
  // S4 in Jilin outside the circle; 500,000 S1 reversed by −500,000; 1,500,000 S8 local
  // both ways when posted.
  await entry({ supplier: "S1", category: "A01", fen: 1_000_000, jilin: true, circle: true, km: 11.1 });
  await entry({ supplier: "S5", category: "A01", fen: 3_000_000, jilin: false, circle: false, km: 166.8 });
  await entry({ supplier: "S4", category: "A01", fen: 2_000_000, jilin: true, circle: false, km: 133.4 });
  const wrong = await entry({ supplier: "S1", category: "A01", fen: 500_000, jilin: true, circle: true, km: 11.1 });
  await entry({
    supplier: "S1",
    category: "A01",
    fen: -500_000,
    jilin: true,
    circle: true,
    km: 11.1,
    reverses: wrong,
  });
  await entry({ supplier: "S8", category: "A01", fen: 1_500_000, jilin: true, circle: true, km: 22.2 });
  // The year before: 800,000 from Liaoning, 100,000 in Jilin.
  await entry({ supplier: "S5", category: "A01", fen: 800_000, year: 2024, jilin: false, circle: false, km: 166.8 });
  await entry({ supplier: "S1", category: "A01", fen: 100_000, year: 2024, jilin: true, circle: true, km: 11.1 });
  // S8 moves away after posting.
  await s.db
    .updateTable("supplier_sites")
    .set({ lat: plant.lat + 2 })
    .where("supplier_id", "=", ids.S8!)
    .execute();

  // A02 ledger 2025: 1,000,000 S9 local both ways; 1,000,000 from Shanghai; 1,000,000 S4
  // (in Jilin, outside the circle).
  await entry({ supplier: "S9", category: "A02", fen: 1_000_000, jilin: true, circle: true, km: 22.2 });
  await entry({ outside: "上海某公司", category: "A02", fen: 1_000_000, jilin: false, circle: false, km: null });
  await entry({ supplier: "S4", category: "A02", fen: 1_000_000, jilin: true, circle: false, km: 133.4 });

  // A03: three open demands. The first (1,000 a year) quoted 300,000 and 250,000 fen a
  // unit: worth 1,000 × 250,000 = 250,000,000 fen a year at the lowest quote. The second
  // (500 a year) has no quote. The third has no annual volume and one quote of 40,000 fen:
  // counted as one unit. A closed demand does not count. Open value: 250,040,000 fen.
  const demand = async (volume: number | null, status: "open" | "closed") =>
    (
      await s.db
        .insertInto("demands")
        .values({
          oem_id: plant.oem_id,
          plant_id: plant.id,
          part_name: "电芯",
          category_code: "A03",
          annual_volume: volume,
          status,
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  const d1 = await demand(1000, "open");
  await demand(500, "open");
  const d3 = await demand(null, "open");
  await demand(9999, "closed");
  for (const [who, fen, demandId] of [
    ["S12", 300_000, d1],
    ["S13", 250_000, d1],
    ["S12", 40_000, d3],
  ] as const) {
    await s.db
      .insertInto("matches")
      .values({
        demand_id: demandId,
        supplier_id: ids[who]!,
        state: "interested",
        distance_km: 10,
        inside_circle: true,
        quote_fen: fen,
      })
      .execute();
  }
  // A lower quote on a match its supplier declined does not count.
  await s.db
    .insertInto("matches")
    .values({
      demand_id: d1,
      supplier_id: ids.S9!,
      state: "declined",
      distance_km: 22,
      inside_circle: true,
      quote_fen: 100_000,
    })
    .execute();
});

describe("chain map on a hand-computed ledger", () => {
  it("counts suppliers inside the circle, the nearest verified, shares on both bases, open demand, and colours the cells", async () => {
    const m = await chainMap({ db: s.db }, official, query());
    expect(m.columns.map((c) => c.code)).toContain("OEM11");
    const a01 = cellOf(m, plant.id, "A01");
    expect(a01.verifiedInside).toBe(2); // S1, S2 (S8 has moved out; S6 closed; S7 rejected)
    expect(a01.pendingInside).toBe(1); // S3
    expect(a01.nearestVerifiedKm).toBe(11.1);
    expect(a01.ledger.totalFen).toBe(7_500_000n);
    expect(a01.ledger.provinceFen).toBe(4_500_000n); // 1,000,000 + 2,000,000 + 0 + 1,500,000
    expect(a01.ledger.circleFen).toBe(2_500_000n); // 1,000,000 + 0 + 1,500,000 (locality when posted)
    expect(a01.provinceShare).toBeCloseTo(0.6, 10);
    expect(a01.circleShare).toBeCloseTo(1 / 3, 10);
    expect(a01.status).toBe("thin"); // 2 verified: at least 1, fewer than 3

    const a02 = cellOf(m, plant.id, "A02");
    expect(a02.verifiedInside).toBe(3);
    expect(a02.nearestVerifiedKm).toBe(22.2);
    expect(a02.provinceShare).toBeCloseTo(2 / 3, 10);
    expect(a02.circleShare).toBeCloseTo(1 / 3, 10);
    expect(a02.status).toBe("covered"); // province basis: 66.7% ≥ 40%

    const a03 = cellOf(m, plant.id, "A03");
    expect(a03.verifiedInside).toBe(0);
    expect(a03.pendingInside).toBe(1);
    expect(a03.nearestVerifiedKm).toBe(166.8);
    expect(a03.status).toBe("gap");
    expect(a03.openDemands).toBe(3);
    expect(a03.openVolume).toBe(1500);
    expect(a03.openPriced).toBe(2);
    expect(a03.openDemandFen).toBe(250_040_000n); // 1,000 × 250,000 + 1 × 40,000
    expect(a03.ledger.totalFen).toBe(0n);
    expect(a03.provinceShare).toBeNull();

    // A category nobody supplies near Changchun's OEM03: a gap, no procurement, nothing nearer than S-nothing.
    const far = cellOf(m, otherPlantId, "A02");
    expect(far.verifiedInside).toBe(0);
    expect(far.status).toBe("gap");
  });

  it("on the circle basis, 33.3% local makes a 3-supplier cell thin", async () => {
    const m = await chainMap({ db: s.db }, official, query({ basis: "circle" }));
    expect(cellOf(m, plant.id, "A02").status).toBe("thin");
    expect(cellOf(m, plant.id, "A01").status).toBe("thin");
  });

  it("takes the thresholds it is given, exactly at the boundary", async () => {
    const t = { thinMinVerified: 1, coveredMinVerified: 2, coveredMinShare: 0.6 };
    const m = await chainMap({ db: s.db }, official, query(), { thresholds: t });
    expect(cellOf(m, plant.id, "A01").status).toBe("covered"); // 4,500,000 / 7,500,000 = 60% exactly
    const m2 = await chainMap({ db: s.db }, official, query(), { thresholds: { ...t, coveredMinShare: 0.601 } });
    expect(cellOf(m2, plant.id, "A01").status).toBe("thin");
  });

  it("filters: NEV key parts only, one group; OEM columns; an OEM sees only its own plants", async () => {
    const nev = await chainMap({ db: s.db }, official, query({ nev: "true" }));
    expect(nev.rows.every((r) => r.nevKey)).toBe(true);
    expect(nev.rows.length).toBeGreaterThan(5);
    const g = await chainMap({ db: s.db }, official, query({ group: "B" }));
    expect(new Set(g.rows.map((r) => r.group))).toEqual(new Set(["B"]));
    const byOem = await chainMap({ db: s.db }, official, query({ by: "oem" }));
    const oemCell = cellOf(byOem, plant.oem_id, "A01");
    expect([oemCell.verifiedInside, oemCell.pendingInside, oemCell.ledger.totalFen]).toEqual([2, 1, 7_500_000n]);
    const own = await chainMap({ db: s.db }, { organizationKind: "oem", organizationId: plant.oem_id }, query());
    expect(own.columns.map((c) => c.code)).toEqual(["OEM11"]);
    await expect(chainCellDetail({ db: s.db }, own, { col: otherPlantId, cat: "A01" })).rejects.toThrow(
      "cell_not_found",
    );
  });

  it("shows a change to the registry on the next map, without waiting: sites, verification, categories, plants", async () => {
    const cells = async () => {
      const m = await chainMap({ db: s.db }, official, query());
      const pick = (cat: string) => {
        const c = cellOf(m, plant.id, cat);
        return [c.verifiedInside, c.pendingInside, c.nearestVerifiedKm];
      };
      return { a02: pick("A02"), a03: pick("A03") };
    };
    expect(await cells()).toEqual({ a02: [3, 0, 22.2], a03: [0, 1, 166.8] });
    const site = (key: string, dLat: number) =>
      s.db
        .updateTable("supplier_sites")
        .set({ lat: plant.lat + dLat })
        .where("supplier_id", "=", ids[key]!)
        .execute();
    const status = (key: string, v: "verified" | "pending") =>
      s.db.updateTable("organizations").set({ verification_status: v }).where("id", "=", ids[key]!).execute();
    const movePlant = (dLat: number) =>
      s.db
        .updateTable("plants")
        .set({ lat: plant.lat + dLat })
        .where("id", "=", plant.id)
        .execute();

    await site("S9", 3); // 22.2 → 333.6 km: the nearest verified in A02 is now S10 (33.4 km)
    expect((await cells()).a02).toEqual([2, 0, 33.4]);
    await status("S12", "verified"); // pending → verified at 11.1 km
    expect((await cells()).a03).toEqual([1, 0, 11.1]);
    await s.db.deleteFrom("supplier_categories").where("supplier_id", "=", ids.S10!).execute(); // S10 leaves A02
    expect((await cells()).a02).toEqual([1, 0, 44.5]); // S11 at +0.4° = 44.5 km
    await movePlant(0.1); // the plant's position corrected 11.1 km north: S12 stands on it, S11 is 33.4 km away
    expect(await cells()).toEqual({ a02: [1, 0, 33.4], a03: [1, 0, 0] });

    await movePlant(0);
    await s.db.insertInto("supplier_categories").values({ supplier_id: ids.S10!, category_code: "A02" }).execute();
    await status("S12", "pending");
    await site("S9", 0.2);
    expect(await cells()).toEqual({ a02: [3, 0, 22.2], a03: [0, 1, 166.8] });
  });

  it("a supplier's verification committed after another writer gave it a category still reaches that category", async () => {
    // T1 verifies S12 (pending, A03, 11.1 km) and stays open; meanwhile S12 is given A02 and
    // a map is read; then T1 commits. The category A02 was not S12's in T1's snapshot: the
    // mark must name the supplier, its categories looked up when the refresh runs.
    const t1 = new pg.Client({ connectionString: s.databaseUrl });
    await t1.connect();
    try {
      await t1.query("begin");
      await t1.query("update organizations set verification_status = 'verified' where id = $1", [ids.S12]);
      await s.db.insertInto("supplier_categories").values({ supplier_id: ids.S12!, category_code: "A02" }).execute();
      const during = cellOf(await chainMap({ db: s.db }, official, query()), plant.id, "A02");
      expect([during.verifiedInside, during.pendingInside]).toEqual([3, 1]); // S12 still pending
      await t1.query("commit");
    } finally {
      await t1.end();
    }
    const after = await chainMap({ db: s.db }, official, query());
    expect([cellOf(after, plant.id, "A02").verifiedInside, cellOf(after, plant.id, "A02").nearestVerifiedKm]).toEqual([
      4, 11.1,
    ]);
    expect(cellOf(after, plant.id, "A03").verifiedInside).toBe(1);

    await s.db
      .deleteFrom("supplier_categories")
      .where("supplier_id", "=", ids.S12!)
      .where("category_code", "=", "A02")
      .execute();
    await s.db
      .updateTable("organizations")
      .set({ verification_status: "pending" })
      .where("id", "=", ids.S12!)
      .execute();
    const back = await chainMap({ db: s.db }, official, query());
    expect([cellOf(back, plant.id, "A02").verifiedInside, cellOf(back, plant.id, "A03").pendingInside]).toEqual([3, 1]);
  });

  it("a plant renamed marks nothing; a map read while another refresh holds the lock does not wait for it", async () => {
    await chainMap({ db: s.db }, official, query()); // nothing left marked
    await s.db.updateTable("plants").set({ name_zh: "延吉工厂（改名）" }).where("id", "=", plant.id).execute();
    const marks = await s.db.selectFrom("chain_dirty_marks").select("id").execute();
    expect(marks).toEqual([]);

    const holder = new pg.Client({ connectionString: s.databaseUrl });
    await holder.connect();
    try {
      await holder.query("begin");
      await holder.query("select pg_advisory_xact_lock($1)", [0x7065_6963]);
      await s.db
        .updateTable("supplier_sites")
        .set({ lat: plant.lat + 3 })
        .where("supplier_id", "=", ids.S9!)
        .execute();
      // Answered from the cells as they stand (S9 still counted), not after the holder's end.
      const m = await chainMap({ db: s.db }, official, query());
      expect(cellOf(m, plant.id, "A02").verifiedInside).toBe(3);
      await holder.query("commit");
    } finally {
      await holder.end();
    }
    expect(cellOf(await chainMap({ db: s.db }, official, query()), plant.id, "A02").verifiedInside).toBe(2);
    await s.db
      .updateTable("supplier_sites")
      .set({ lat: plant.lat + 0.2 })
      .where("supplier_id", "=", ids.S9!)
      .execute();
    expect(cellOf(await chainMap({ db: s.db }, official, query()), plant.id, "A02").verifiedInside).toBe(3);
  });

  it("a cell lists its suppliers inside, the nearest outside the circle and the province, and its entries", async () => {
    const m = await chainMap({ db: s.db }, official, query());
    const d = await chainCellDetail({ db: s.db }, m, { col: plant.id, cat: "A01" });
    expect(d.inside.map((x) => [x.name_zh, Math.round(x.km * 10) / 10, x.verification_status])).toEqual([
      ["测试S1", 11.1, "verified"],
      ["测试S3", 33.4, "pending"],
      ["测试S2", 55.6, "verified"],
    ]);
    expect(d.nearestOutsideCircle.map((x) => [x.name_zh, Math.round(x.km * 10) / 10])).toEqual([
      ["测试S4", 133.4],
      ["测试S5", 166.8],
      ["测试S8", 222.4],
    ]);
    expect(d.nearestOutsideProvince.map((x) => x.name_zh)).toEqual(["测试S5"]);
    expect(d.entries.map((e) => Number(e.amount_fen)).sort((a, b) => a - b)).toEqual([
      -500_000, 500_000, 1_000_000, 1_500_000, 2_000_000, 3_000_000,
    ]);
    expect(d.entries.find((e) => Number(e.amount_fen) === 1_500_000)?.inside_circle).toBe(true);
  });

  it("the guide lists the gap cells with demand, last year's out-of-province purchases, candidates, hooks and a method sheet", async () => {
    const guide = await chainGuide({ db: s.db }, official, query(), { plants: [plant.id], cats: ["A03", "A01"] });
    // A01 is thin, not a gap: only A03 is listed.
    expect(guide.rows.map((r) => r.category)).toEqual(["A03"]);
    const r = guide.rows[0]!;
    expect([r.openDemands, r.openVolume, r.openDemandFen, r.lastYearOutOfProvinceFen]).toEqual([
      3,
      1500,
      250_040_000n,
      0n,
    ]);
    expect(r.nearestOutsideCircle.map((x) => x.name_zh)).toEqual(["测试S13"]);
    expect(r.hooks).toContain("chain.hook.nev");

    const xlsx = await guideXlsx(guide, "zh");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(xlsx).buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["招商指南", "计算方法"]);
    expect(wb.worksheets[0]!.getRow(2).getCell(8).value).toBe(2_500_400); // ¥2,500,400.00 of open demand
    expect(String(wb.worksheets[1]!.getRow(3).getCell(2).value)).toContain("少于 1 家");
  });

  it("the guide's last-year figure: the year before's ledger less Jilin and unknown", async () => {
    // With 3 verified suppliers needed to leave the gap, A01 (2 inside) is a gap too.
    const guide = await chainGuide(
      { db: s.db },
      official,
      query(),
      { plants: [plant.id], cats: ["A01", "A02"] },
      { thresholds: { thinMinVerified: 3, coveredMinVerified: 4, coveredMinShare: 0.4 } },
    );
    expect(guide.rows.map((r) => r.category)).toEqual(["A01"]);
    // 2024: 800,000 from Liaoning + 100,000 in Jilin → 800,000 outside the province.
    expect(guide.rows[0]!.lastYearOutOfProvinceFen).toBe(800_000n);
    expect(guide.rows[0]!.nearestOutsideProvince.map((x) => x.name_zh)).toEqual(["测试S5"]);
  });
});

describe("GET /api/v1/chain-map", () => {
  let url = "";
  let cookie = "";
  beforeAll(async () => {
    const app = await serveApp({ db: s.db, search: s.search, ...defaultSettings() });
    url = app.url;
    const { id: agency } = await s.db
      .insertInto("organizations")
      .values({ kind: "agency", name_zh: "工信厅" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const userId = await insertUser(s.db, {
      organizationId: agency,
      email: "chain-official@example.gov.cn",
      displayName: "官员",
      role: "official",
      passwordHash: "x",
    });
    cookie = `peitao_session=${(await createSession(s.db, userId)).token}`;
    return app.close;
  });

  it("answers the map with the figures of the hand-computed ledger", async () => {
    const res = await fetch(`${url}/api/v1/chain-map?year=2025&basis=circle&nev=true`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      thresholds: unknown;
      cells: { column: string; category: string }[];
    };
    expect(body.thresholds).toEqual({ thin_min_verified: 1, covered_min_verified: 3, covered_min_share: 0.4 });
    const cell = body.cells.find((c) => c.column === plant.id && c.category === "A01");
    expect(cell).toMatchObject({
      verified_inside: 2,
      pending_inside: 1,
      nearest_verified_km: 11.1,
      total_fen: "7500000",
      province_local_fen: "4500000",
      circle_local_fen: "2500000",
      status: "thin",
    });
  });

  it.each([
    ["year=abc", "year"],
    ["year=1999", "year"],
    ["basis=town", "basis"],
    ["by=city", "by"],
    ["group=AB", "group"],
    ["nev=maybe", "nev"],
  ])("refuses %s with a field error", async (q, field) => {
    const res = await fetch(`${url}/api/v1/chain-map?${q}`, { headers: { cookie } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; fields: Record<string, string> };
    expect(body.error).toBe("invalid_request");
    expect(Object.keys(body.fields)).toEqual([field]);
  });

  it("needs a signed-in user or a token", async () => {
    expect((await fetch(`${url}/api/v1/chain-map`)).status).toBe(401);
  });
});
