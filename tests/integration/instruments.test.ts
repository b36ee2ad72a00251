import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../db/api-tokens.server";
import { supplierLocality } from "../../db/procurement-import.server";
import { findUserByEmail } from "../../db/users.server";
import { DEFAULT_ENTRANT_REWARD } from "../../app/domain/policy-rules";
import { seedDemoIfEmpty } from "../../app/features/demo/seed-demo.server";
import { whatIfForScope } from "../../app/features/ledger/what-if.server";
import { entrantsOf, recordEntrantProject } from "../../app/features/policy/entrants.server";
import { newSupply } from "../../app/features/policy/new-supply.server";
import { entrantsQuery, whatIfQuery } from "../../app/features/policy/schemas";
import { rewardVerdicts } from "../../app/features/policy/verdicts.server";
import { auditRows, expectAuditInTransaction } from "../helpers/audit";
import { defaultSettings, serveApp } from "../helpers/app";
import { testServices, type TestServices } from "../helpers/services";

// The officials' instruments (issue 15) on a hand-computed ledger of one test OEM with two
// plants. Every expected figure below is worked out by hand from the entries listed here,
// not recomputed by the code under test. Amounts are fen.
//
// 2024 (all four quarters):
//   A  P1  S1 (Jilin, in circle)    Q1  300,000
//   B  P1  outside (Liaoning)       Q2  500,000
//   C  P2  S2 (Jilin, not circle)   Q3  100,000
//   D  P2  outside                  Q4  100,000
//   total 1,000,000; province local A+C = 400,000 (exactly 40%); circle local A = 300,000
// 2025 (quarters 1–3 only: provisional):
//   E  P1  S1 (Jilin, circle)       Q1  600,000
//   F  P1  S3 (Jilin, circle when posted; later moves to Liaoning)  Q2  200,000
//   G  P2  outside                  Q2  400,000
//   H  P1  S4 (Jilin, circle)       Q3  300,000, then reversed (−300,000)
//   I  P2  S5 (Jilin, not circle)   Q3  100,000  NEV key part
//   J  P2  outside                  Q3  100,000  NEV key part
//   total 1,400,000; province local E+F+I = 900,000; circle local E+F = 800,000
// 2026 (Q1; the year is not over):
//   K  P2  S5 (Jilin, not circle)   Q1  600,000  NEV
//   L  P2  outside                  Q1  400,000  NEV

let s: TestServices;
let app: Awaited<ReturnType<typeof serveApp>>;
let oemId = "";
const sup: Record<string, string> = {};
let official: { userId: string; organizationId: string };
let officialToken = "";
const ids: Record<string, number> = {};

const deps = () => ({ db: s.db, search: s.search, ip: null });
const asOfficial = () => ({ organizationKind: "agency" as const, organizationId: official.organizationId });

beforeAll(async () => {
  s = await testServices();
  await seedDemoIfEmpty(s.db);
  app = await serveApp({ db: s.db, search: s.search, ...defaultSettings() });
  const u = (await findUserByEmail(s.db, "official@demo.peitao.example"))!;
  official = { userId: u.id, organizationId: u.organization_id };
  officialToken = (await createApiToken(s.db, u.organization_id, "instruments", u.id)).token;

  const org = await s.db
    .insertInto("organizations")
    .values({ kind: "oem", code: "TESTOEM", name_zh: "测试整车", name_en: "Test OEM", verification_status: "verified" })
    .returning("id")
    .executeTakeFirstOrThrow();
  oemId = org.id;
  const plant = (code: string) =>
    s.db
      .insertInto("plants")
      .values({ code, oem_id: oemId, name_zh: code, name_en: code, lat: 43.88, lng: 125.32 })
      .returning("id")
      .executeTakeFirstOrThrow();
  const p1 = (await plant("TPA01")).id;
  const p2 = (await plant("TPA02")).id;
  for (const name of ["S1", "S2", "S3", "S4", "S5"]) {
    sup[name] = (
      await s.db
        .insertInto("organizations")
        .values({
          kind: "supplier",
          name_zh: `供应商${name}`,
          name_en: `Supplier ${name}`,
          verification_status: "verified",
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  }
  // S3 has a site in Changchun: the ledger freezes its locality when F is posted.
  const changchun = await s.db
    .selectFrom("places")
    .select(["adcode", "lat", "lng"])
    .where("adcode", ">=", 220100)
    .where("adcode", "<", 220200)
    .where("level", "=", "district")
    .orderBy("adcode")
    .executeTakeFirstOrThrow();
  await s.db
    .insertInto("supplier_sites")
    .values({ supplier_id: sup.S3!, adcode: changchun.adcode, lat: 43.9, lng: 125.3 })
    .execute();

  const [plain, nev] = await Promise.all([
    s.db
      .selectFrom("part_categories")
      .select("code")
      .where("level", "=", 2)
      .where("nev_key", "=", false)
      .executeTakeFirstOrThrow(),
    s.db
      .selectFrom("part_categories")
      .select("code")
      .where("level", "=", 2)
      .where("nev_key", "=", true)
      .executeTakeFirstOrThrow(),
  ]);
  const local: {
    supplier_province: string;
    supplier_in_jilin: boolean;
    inside_circle: boolean;
    distance_km: number | null;
  } = { supplier_province: "吉林省", supplier_in_jilin: true, inside_circle: true, distance_km: 10 };
  const jilinFar = { supplier_province: "吉林省", supplier_in_jilin: true, inside_circle: false, distance_km: 180 };
  const outside = { supplier_province: "辽宁省", supplier_in_jilin: false, inside_circle: false, distance_km: 300 };
  const post = async (
    key: string,
    plantId: string,
    who: { supplier: string } | { outside: string },
    where: typeof local,
    year: number,
    quarter: number,
    amount: number,
    nevKey = false,
  ) => {
    const row = await s.db
      .insertInto("ledger_entries")
      .values({
        oem_id: oemId,
        plant_id: plantId,
        supplier_id: "supplier" in who ? who.supplier : null,
        outside_supplier_name: "outside" in who ? who.outside : null,
        ...where,
        supplier_city_adcode: null,
        category_code: nevKey ? nev.code : plain.code,
        amount_fen: amount,
        period_year: year,
        period_quarter: quarter,
        source: "import",
        document_no: key,
        match_id: null,
        posted_by: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids[key] = row.id;
  };
  await post("A", p1, { supplier: sup.S1! }, local, 2024, 1, 300_000);
  await post("B", p1, { outside: "沈阳某厂" }, outside, 2024, 2, 500_000);
  await post("C", p2, { supplier: sup.S2! }, jilinFar, 2024, 3, 100_000);
  await post("D", p2, { outside: "沈阳某厂" }, outside, 2024, 4, 100_000);
  await post("E", p1, { supplier: sup.S1! }, local, 2025, 1, 600_000);
  // F: S3's locality as the ledger freezes it when posting, from its site today.
  const atPosting = (await supplierLocality(s.db, sup.S3!, { lat: 43.88, lng: 125.32 }))!;
  expect(atPosting).toMatchObject({ supplier_in_jilin: true, inside_circle: true });
  await post("F", p1, { supplier: sup.S3! }, { ...local, ...atPosting }, 2025, 2, 200_000);
  await post("G", p2, { outside: "沈阳某厂" }, outside, 2025, 2, 400_000);
  await post("H", p1, { supplier: sup.S4! }, local, 2025, 3, 300_000);
  const h = await s.db.selectFrom("ledger_entries").selectAll().where("id", "=", ids.H!).executeTakeFirstOrThrow();
  const { insertReversal } = await import("../../db/ledger.server");
  await s.db.transaction().execute((trx) => insertReversal(trx, h, null));
  await post("I", p2, { supplier: sup.S5! }, jilinFar, 2025, 3, 100_000, true);
  await post("J", p2, { outside: "沈阳某厂" }, outside, 2025, 3, 100_000, true);
  await post("K", p2, { supplier: sup.S5! }, jilinFar, 2026, 1, 600_000, true);
  await post("L", p2, { outside: "沈阳某厂" }, outside, 2026, 1, 400_000, true);

  // Afterwards S3 moves to Liaoning: outside Jilin and the circle now, not when F was posted.
  const liaoning = await s.db
    .selectFrom("places")
    .select(["adcode", "lat", "lng"])
    .where("adcode", ">=", 210000)
    .where("adcode", "<", 220000)
    .orderBy("adcode")
    .executeTakeFirstOrThrow();
  await s.db
    .updateTable("supplier_sites")
    .set({ adcode: liaoning.adcode, lat: liaoning.lat, lng: liaoning.lng })
    .where("supplier_id", "=", sup.S3!)
    .execute();
  expect(await supplierLocality(s.db, sup.S3!, { lat: 43.88, lng: 125.32 })).toMatchObject({
    supplier_in_jilin: false,
  });
});
afterAll(() => app?.close());

const api = async (path: string) => {
  const res = await fetch(app.url + path, { headers: { authorization: `Bearer ${officialToken}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe("new in-province supply", () => {
  it("is this year's local value minus last year's, per OEM and per plant, on both bases", async () => {
    const r = await newSupply(deps(), asOfficial(), { year: 2025, oem: oemId });
    const row = (plant: string | null) => r.rows.find((x) => x.plant === plant)!;
    // OEM: province 400,000 → 900,000 (+500,000); circle 300,000 → 800,000 (+500,000).
    expect(row(null).province).toEqual({ previousFen: 400_000n, currentFen: 900_000n, changeFen: 500_000n });
    expect(row(null).circle).toEqual({ previousFen: 300_000n, currentFen: 800_000n, changeFen: 500_000n });
    // P1: A 300,000 → E+F 800,000 on both bases (H and its reversal net out; F counts though S3 moved).
    expect(row("TPA01").province).toEqual({ previousFen: 300_000n, currentFen: 800_000n, changeFen: 500_000n });
    expect(row("TPA01").circle).toEqual({ previousFen: 300_000n, currentFen: 800_000n, changeFen: 500_000n });
    // P2: C 100,000 → I 100,000 in province (0); nothing in the circle.
    expect(row("TPA02").province).toEqual({ previousFen: 100_000n, currentFen: 100_000n, changeFen: 0n });
    expect(row("TPA02").circle).toEqual({ previousFen: 0n, currentFen: 0n, changeFen: 0n });
    // The entries that moved it: the local ones of both years, largest first (then in posting order).
    expect(r.entries.map((e) => [e.amount_fen, e.effect])).toEqual([
      [600_000, "adds"],
      [300_000, "subtracts"],
      [300_000, "adds"],
      [-300_000, "adds"],
      [200_000, "adds"],
      [100_000, "subtracts"],
      [100_000, "adds"],
    ]);
  });

  it("answers the API with decimal strings, one plant alone, and 400 for bad parameters", async () => {
    const ok = await api(`/api/v1/ledger/new-supply?year=2025&oem=${oemId}&plant=TPA01`);
    expect(ok.status).toBe(200);
    expect(ok.body.rows).toEqual([
      {
        oem_id: oemId,
        oem: "测试整车",
        plant: "TPA01",
        province: { previous_fen: "300000", current_fen: "800000", change_fen: "500000" },
        circle: { previous_fen: "300000", current_fen: "800000", change_fen: "500000" },
      },
    ]);
    const bad = await api("/api/v1/ledger/new-supply?year=twenty&oem=nope");
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields as object).sort()).toEqual(["oem", "year"]);
    const plant = await api(`/api/v1/ledger/new-supply?oem=${oemId}&plant=OEM05`);
    expect(plant).toMatchObject({ status: 400, body: { fields: { plant: "unknown_plant" } } });
  });
});

describe("new entrants and their reward", () => {
  const entrants = async (year: number) =>
    (await entrantsOf(deps(), asOfficial(), entrantsQuery.parse({ year, oem: oemId }), DEFAULT_ENTRANT_REWARD))
      .entrants;

  it("lists suppliers in Jilin whose first (unreversed) entry from the OEM falls in the year", async () => {
    expect((await entrants(2024)).map((e) => [e.supplier_name, e.contract_fen])).toEqual([
      ["供应商S1", "300000"],
      ["供应商S2", "100000"],
    ]);
    // S3 (moved away since, Jilin when posted) and S5; S4's only entry was reversed: no entrant.
    expect((await entrants(2025)).map((e) => [e.supplier_name, e.contract_fen])).toEqual([
      ["供应商S3", "200000"],
      ["供应商S5", "100000"],
    ]);
    expect(await entrants(2026)).toEqual([]);
  });

  it("computes 5% of the equipment investment, capped at ¥2,000,000, only over ¥30,000,000 total", async () => {
    const record = (supplier: string, total: number, equipment: number) =>
      recordEntrantProject(deps(), official, {
        supplierId: sup[supplier]!,
        oemId,
        name: `${supplier} 新建产线`,
        totalInvestmentFen: total,
        equipmentInvestmentFen: equipment,
        constructionStart: "2025-03-01",
      });
    const reward = async (name: string) => (await entrants(2025)).find((e) => e.supplier_name === name)!.reward;
    // Exactly ¥30,000,000 is not over the threshold.
    await record("S3", 3_000_000_000, 1_000_000_000);
    expect(await reward("供应商S3")).toEqual({ eligible: false, rewardFen: 0n, reason: "below_threshold" });
    // One fen over it: 5% of ¥10,000,000 = ¥500,000.
    await record("S3", 3_000_000_001, 1_000_000_000);
    expect(await reward("供应商S3")).toEqual({ eligible: true, rewardFen: 50_000_000n, capped: false });
    // ¥50,000,000 total, ¥20,000,000 equipment: ¥1,000,000.
    await record("S5", 5_000_000_000, 2_000_000_000);
    expect(await reward("供应商S5")).toEqual({ eligible: true, rewardFen: 100_000_000n, capped: false });
    // Equipment ¥48,000,000: 5% is ¥2,400,000, capped at ¥2,000,000.
    await record("S5", 5_000_000_000, 4_800_000_000);
    expect(await reward("供应商S5")).toEqual({ eligible: true, rewardFen: 200_000_000n, capped: true });
    // Every change is audited with the figures before it.
    const rows = await auditRows(s.db, "entrant_project_recorded");
    expect(rows).toHaveLength(4);
    expect(rows[0]!.detail).toMatchObject({
      equipment_investment_fen: 4_800_000_000,
      previous: { equipment_investment_fen: 2_000_000_000 },
    });
    // The API gives the same.
    const out = await api(`/api/v1/ledger/entrants?year=2025&oem=${oemId}`);
    expect((out.body.entrants as { supplier: string; reward: unknown }[]).map((e) => [e.supplier, e.reward])).toEqual([
      ["供应商S3", { eligible: true, reward_fen: "50000000", capped: false, reason: null }],
      ["供应商S5", { eligible: true, reward_fen: "200000000", capped: true, reason: null }],
    ]);
  });

  it("refuses a project for a supplier that is no entrant, and writes nothing without its audit row", async () => {
    await expect(
      recordEntrantProject(deps(), official, {
        supplierId: sup.S4!,
        oemId,
        name: "x",
        totalInvestmentFen: 1,
        equipmentInvestmentFen: 1,
        constructionStart: "2025-01-01",
      }),
    ).rejects.toThrow(/entrant_not_found/);
    const count = async () =>
      Number(
        (
          await s.db
            .selectFrom("entrant_projects")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    await expectAuditInTransaction(
      s.db,
      () =>
        recordEntrantProject(deps(), official, {
          supplierId: sup.S1!,
          oemId,
          name: "S1 扩产",
          totalInvestmentFen: 4_000_000_000,
          equipmentInvestmentFen: 1_000_000_000,
          constructionStart: "2024-06-01",
        }),
      count,
    );
  });
});

describe("reward verdicts", () => {
  const verdicts = async (year: number, basis: "province" | "circle" = "province") =>
    (await rewardVerdicts(deps(), asOfficial(), { year, oem: oemId, basis }, new Date("2026-11-23T00:00:00Z")))
      .oems[0]!;

  it("2024: exactly 40% meets the minimum; no previous year; NEV not assessed before 2026; a full year", async () => {
    const v = await verdicts(2024);
    expect(v.provisional).toBe(false);
    expect(v.verdicts.minRate).toMatchObject({ verdict: "met", rate: 0.4, threshold: 0.4, fenNeeded: 0n });
    expect(v.verdicts.rise).toMatchObject({ verdict: "not_applicable", reason: "no_previous_year" });
    expect(v.verdicts.nev).toMatchObject({ verdict: "not_applicable", reason: "before_target_year" });
    // On the circle basis 30%: ¥1,000 (100,000 fen) must move to local suppliers.
    expect((await verdicts(2024, "circle")).verdicts.minRate).toMatchObject({
      verdict: "not_met",
      fenNeeded: 100_000n,
    });
  });

  it("2025 lacks its fourth quarter: provisional; 900,000/1,400,000 rises from 40%", async () => {
    const v = await verdicts(2025);
    expect(v.provisional).toBe(true);
    expect(v.quarters).toEqual([1, 2, 3]);
    expect(v.verdicts.minRate.verdict).toBe("met");
    expect(v.verdicts.rise).toMatchObject({ verdict: "met", previousRate: 0.4, threshold: 0.43 });
    expect(v.verdicts.rise.changePp).toBeCloseTo(24.2857, 3);
  });

  it("2026: NEV key parts at 60% miss 70% by 100,000 fen; the rise misses by 72,858 fen", async () => {
    const v = await verdicts(2026);
    expect(v.provisional).toBe(true);
    expect(v.verdicts.nev).toMatchObject({ verdict: "not_met", rate: 0.6, threshold: 0.7, fenNeeded: 100_000n });
    // Target 900,000/1,400,000 + 3/100 = 0.672857…; 0.672857… × 1,000,000 − 600,000 = 72,857.14 → 72,858.
    expect(v.verdicts.rise).toMatchObject({ verdict: "not_met", fenNeeded: 72_858n });
    expect(v.verdicts.minRate).toMatchObject({ verdict: "met", rate: 0.6 });
  });

  it("the rates API carries the verdicts", async () => {
    const r = await api(`/api/v1/ledger/rates?oem=${oemId}&year=2025`);
    expect(r.body.verdicts).toMatchObject({
      year: 2025,
      provisional: true,
      min_rate: { verdict: "met", fen_needed: "0" },
      rise: { verdict: "met", previous_rate: 0.4 },
      nev_target: { verdict: "not_applicable", reason: "before_target_year" },
    });
  });
});

describe("what-if for any scope, both ways", () => {
  const whatIf = (q: Record<string, string>) =>
    whatIfForScope(deps(), asOfficial(), whatIfQuery.parse({ oem: oemId, ...q }), { minInside: 5 });

  it("the OEM in 2025: 100,000 fen moved gives 1,000,000/1,400,000; added 1,000,000/1,500,000", async () => {
    const r = await whatIf({ year: "2025", amount_fen: "100000" });
    expect(r.before).toMatchObject({ totalFen: 1_400_000n, localFen: 900_000n });
    expect(r.ways.moving).toMatchObject({ totalFen: 1_400_000n, localFen: 1_000_000n, movedFen: 100_000n });
    expect(r.ways.adding).toMatchObject({ totalFen: 1_500_000n, localFen: 1_000_000n });
    expect(r.ways.moving.rate).toBeCloseTo(0.714286, 5);
    expect(r.ways.adding.rate).toBeCloseTo(0.666667, 5);
    expect(r.needed).toEqual([
      { test: "min_rate", threshold: 0.4, moving: 0n, adding: 0n },
      { test: "rise", threshold: 0.43, moving: 0n, adding: 0n },
    ]);
  });

  it("plant TPA02 in 2025 (100,000 local of 600,000): the amounts needed both ways", async () => {
    const r = await whatIf({ year: "2025", plant: "TPA02", amount_fen: "100000" });
    expect(r.ways.moving).toMatchObject({ totalFen: 600_000n, localFen: 200_000n });
    expect(r.ways.adding).toMatchObject({ totalFen: 700_000n, localFen: 200_000n });
    // 40%: move 0.4×600,000 − 100,000 = 140,000; add 140,000 / 0.6 = 233,333.3 → 233,334.
    // Rise over 2024's 50% to 53%: move 318,000 − 100,000 = 218,000; add 218,000 / 0.47 = 463,829.8 → 463,830.
    expect(r.needed).toEqual([
      { test: "min_rate", threshold: 0.4, moving: 140_000n, adding: 233_334n },
      { test: "rise", threshold: 0.53, moving: 218_000n, adding: 463_830n },
    ]);
  });

  it("NEV key parts only (100,000 of 200,000): 70% needs 40,000 moved or 133,334 added", async () => {
    const r = await whatIf({ year: "2025", plant: "TPA02", parts: "nev" });
    expect(r.before).toMatchObject({ totalFen: 200_000n, localFen: 100_000n });
    expect(r.needed).toEqual([{ test: "nev_target", threshold: 0.7, moving: 40_000n, adding: 133_334n }]);
  });

  it("the API answers both ways with their definitions, and 400 with field errors", async () => {
    const r = await api(`/api/v1/ledger/what-if?oem=${oemId}&year=2025&plant=TPA02&amount_fen=100000`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      before: { total_fen: "600000", local_fen: "100000" },
      moving: { total_fen: "600000", local_fen: "200000", moved_fen: "100000" },
      adding: { total_fen: "700000", local_fen: "200000" },
      needed: [
        { test: "min_rate", moving_fen: "140000", adding_fen: "233334" },
        { test: "rise", moving_fen: "218000", adding_fen: "463830" },
      ],
    });
    expect(String((r.body.moving as { definition: string }).definition)).toMatch(/total is unchanged/);
    for (const [query, field] of [
      ["amount_fen=0", "amount_fen"],
      ["amount_fen=1.5", "amount_fen"],
      ["amount_fen=100000000000001", "amount_fen"],
      ["parts=some", "parts"],
      ["basis=moon", "basis"],
      ["demands=not-a-uuid", "demands"],
      [`amount_fen=5&demands=${crypto.randomUUID()}`, "amount_fen"],
      [`demands=${crypto.randomUUID()}`, "demands"],
      ["year=1999", "year"],
    ] as const) {
      const bad = await api(`/api/v1/ledger/what-if?oem=${oemId}&${query}`);
      expect(bad.status, query).toBe(400);
      expect(bad.body.fields, query).toHaveProperty(field);
    }
    expect((await api("/api/v1/ledger/entrants?year=2025&oem=x")).status).toBe(400);
  });
});
