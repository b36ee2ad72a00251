import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { destination } from "../../app/domain/map-projection";
import { whatIfForScope } from "../../app/features/ledger/what-if.server";
import { whatIfQuery } from "../../app/features/policy/schemas";
import { createApiToken } from "../../db/api-tokens.server";
import { enqueueSearchSync } from "../../db/outbox.server";
import { supplierLocality } from "../../db/procurement-import.server";
import { createSession } from "../../db/sessions.server";
import { insertUser } from "../../db/users.server";
import { drainOutbox } from "../../search/sync.server";
import { defaultSettings, serveApp } from "../helpers/app";
import { postTestDemand } from "../helpers/demands";
import { testServices, type TestServices } from "../helpers/services";

// The what-if of a set of open demands (issue 15): each demand is awarded to its
// best-ranked local supplier, and counts as what it buys over a year, the supplier's quote
// (a unit price) times the demand's annual volume; a demand without a volume counts its
// quote alone. Every expected figure below is worked out by hand from the rows listed
// here, not recomputed by the code under test. Amounts are fen.
//
// The OEM of plant OEM05 (Changchun), ledger of 2025 (nothing before):
//   L1  S1 (Jilin, inside the circle)           300,000,000
//   L2  S2 (Jilin, Tonghua: outside the circle) 100,000,000
//   L3  outside (Liaoning)                      600,000,000
//   total 1,000,000,000; province local 400,000,000 (40%); circle local 300,000,000 (30%)
//
// Open demands at OEM05, one category each, so the best-ranked supplier is that category's only one:
//   D1  S1 near, quote 1,250 × 40,000 pieces        = 50,000,000   local on both bases
//   D2  S2 Tonghua, quote 8,000 × 5,000 pieces      = 40,000,000   local in the province only
//   D3  S3 near, quote 6,000,000, no annual volume  =  6,000,000   (the quote alone) local on both
//   D4  S4 Shenyang, quote 2,000 × 10,000 pieces    = 20,000,000   not local
//   D5  S5 near, no quote                           = not counted
//   D6  S6 near, quote 100,000,000,000,000 (the maximum) × 1,000,000 pieces
//         = 100,000,000,000,000,000,000: far past 2^53, asked alone

let s: TestServices;
let app: Awaited<ReturnType<typeof serveApp>>;
let oemId = "";
let token = "";
let cookie = "";
const demand: Record<string, string> = {};
const sup: Record<string, string> = {};

const deps = () => ({ db: s.db, search: s.search, ip: null });
const asOfficial = () => ({
  organizationKind: "agency" as const,
  organizationId: "00000000-0000-4000-8000-000000000000",
});
const whatIf = (q: Record<string, string>) =>
  whatIfForScope(deps(), asOfficial(), whatIfQuery.parse({ oem: oemId, year: "2025", ...q }), { minInside: 5 });
const ids = (...keys: string[]) => keys.map((k) => demand[k]!).join(",");

beforeAll(async () => {
  s = await testServices();
  app = await serveApp({ db: s.db, search: s.search, ...defaultSettings() });
  const plant = await s.db
    .selectFrom("plants")
    .select(["id", "oem_id", "lat", "lng"])
    .where("code", "=", "OEM05")
    .executeTakeFirstOrThrow();
  oemId = plant.oem_id;
  token = (await createApiToken(s.db, oemId, "what-if", null)).token;
  const buyer = await insertUser(s.db, {
    organizationId: oemId,
    email: "what-if-buyer@example.com",
    displayName: "测算采购员",
    role: "oem_buyer",
    passwordHash: "not a hash: never signs in by password",
  });
  cookie = `peitao_session=${(await createSession(s.db, buyer)).token}`;

  const categories = (
    await s.db
      .selectFrom("part_categories")
      .select("code")
      .where("level", "=", 2)
      .where("nev_key", "=", false)
      .orderBy("code")
      .limit(6)
      .execute()
  ).map((c) => c.code);
  const place = (adcode: number) =>
    s.db.selectFrom("places").select(["adcode", "lat", "lng"]).where("adcode", "=", adcode).executeTakeFirstOrThrow();
  const near = (km: number) => ({ adcode: 220106, ...destination(plant, km, 90) });
  const sites = [near(5), await place(220502), near(10), await place(210100), near(15), near(20)];
  await s.db.transaction().execute(async (trx) => {
    for (const [i, site] of sites.entries()) {
      const name = `S${i + 1}`;
      sup[name] = (
        await trx
          .insertInto("organizations")
          .values({
            kind: "supplier",
            name_zh: `测算供应商${name}`,
            name_en: `What-if supplier ${name}`,
            verification_status: "verified",
          })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
      await trx
        .insertInto("supplier_sites")
        .values({ supplier_id: sup[name], adcode: site.adcode, lat: site.lat, lng: site.lng, is_primary: true })
        .execute();
      await trx
        .insertInto("supplier_categories")
        .values({ supplier_id: sup[name], category_code: categories[i]! })
        .execute();
    }
    await enqueueSearchSync(trx, "supplier", Object.values(sup));
  });
  while ((await drainOutbox(s.db, s.search, 1000)).processed > 0);

  // The localities the ledger would post (checked, so the table above holds).
  const locality = async (name: string) => {
    const l = (await supplierLocality(s.db, sup[name]!, plant))!;
    return { supplier_in_jilin: l.supplier_in_jilin, inside_circle: l.inside_circle };
  };
  expect(await locality("S1")).toEqual({ supplier_in_jilin: true, inside_circle: true });
  expect(await locality("S2")).toEqual({ supplier_in_jilin: true, inside_circle: false });
  expect(await locality("S4")).toEqual({ supplier_in_jilin: false, inside_circle: false });

  const post = async (supplier: string | null, province: string, inJilin: boolean, inside: boolean, fen: number) => {
    await s.db
      .insertInto("ledger_entries")
      .values({
        oem_id: oemId,
        plant_id: plant.id,
        supplier_id: supplier,
        outside_supplier_name: supplier ? null : "沈阳某厂",
        supplier_province: province,
        supplier_city_adcode: null,
        supplier_in_jilin: inJilin,
        distance_km: null,
        inside_circle: inside,
        category_code: categories[0]!,
        amount_fen: fen,
        period_year: 2025,
        period_quarter: 1,
        source: "import",
        match_id: null,
        posted_by: null,
      })
      .execute();
  };
  await post(sup.S1!, "吉林省", true, true, 300_000_000);
  await post(sup.S2!, "吉林省", true, false, 100_000_000);
  await post(null, "辽宁省", false, false, 600_000_000);

  const rows = [
    ["D1", 40_000, 100, 1_250],
    ["D2", 5_000, 500, 8_000],
    ["D3", null, 100, 6_000_000],
    ["D4", 10_000, 500, 2_000],
    ["D5", 3_000, 100, null],
    ["D6", 1_000_000, 100, 100_000_000_000_000],
  ] as const;
  for (const [i, [key, volume, radius, quote]] of rows.entries()) {
    demand[key] = await postTestDemand(
      s.db,
      { userId: buyer, organizationId: oemId },
      {
        plant: "OEM05",
        part_name: `测算零件${key}`,
        category: categories[i]!,
        annual_volume: volume,
        radius_km: radius,
      },
    );
    if (quote === null) continue;
    const supplier = sup[`S${i + 1}`]!;
    await s.db
      .insertInto("matches")
      .values({
        demand_id: demand[key],
        supplier_id: supplier,
        state: "interested",
        distance_km: 0,
        inside_circle: true,
        quote_fen: quote,
      })
      .execute();
  }
});
afterAll(() => app?.close());

describe("the what-if of open demands", () => {
  it("counts each demand as its quote × its annual volume; without a volume, the quote alone", async () => {
    const r = await whatIf({ demands: ids("D1", "D2", "D3", "D4", "D5") });
    // Province: local D1+D2+D3 = 96,000,000; not local D4 = 20,000,000.
    expect(r.amount).toEqual({ localFen: 96_000_000n, otherFen: 20_000_000n });
    const byKey = Object.fromEntries(Object.entries(demand).map(([k, id]) => [k, r.demands.find((d) => d.id === id)]));
    expect(byKey.D1).toMatchObject({ quoteFen: 1_250, amountFen: 50_000_000n, local: true, unpriced: false });
    expect(byKey.D2).toMatchObject({ quoteFen: 8_000, amountFen: 40_000_000n, local: true, unpriced: false });
    expect(byKey.D3).toMatchObject({ quoteFen: 6_000_000, amountFen: 6_000_000n, local: true, unpriced: false });
    expect(byKey.D4).toMatchObject({ quoteFen: 2_000, amountFen: 20_000_000n, local: false, unpriced: false });
    expect(byKey.D5).toMatchObject({ quoteFen: null, amountFen: null, unpriced: true });
    expect(byKey.D6).toBeUndefined();
    // On the circle basis D2's supplier (Jilin, Tonghua: outside the circle) is not local; its amount is the same.
    const circle = await whatIf({ basis: "circle", demands: ids("D2") });
    expect(circle.demands).toMatchObject([{ amountFen: 40_000_000n, local: false }]);
  });

  it.each([
    // Province: local D1+D2+D3 = 96,000,000, not local D4 = 20,000,000. Moving 96,000,000 of the
    // 600,000,000 outside: 496,000,000 / 1,000,000,000. Adding: 496,000,000 / 1,116,000,000 = 4/9.
    // 40% is met already (no year before: no rise to reach).
    {
      basis: "province",
      before: { localFen: 400_000_000n, rate: 0.4 },
      amount: { localFen: 96_000_000n, otherFen: 20_000_000n },
      moving: { localFen: 496_000_000n, movedFen: 96_000_000n, rate: 0.496 },
      adding: { totalFen: 1_116_000_000n, localFen: 496_000_000n, rate: 0.444444 },
      needed: { moving: 0n, adding: 0n },
    },
    // Circle: local D1+D3 = 56,000,000, not local D2+D4 = 60,000,000. Moving: 356,000,000 /
    // 1,000,000,000. Adding: 356,000,000 / 1,116,000,000 = 0.3189964… 40%: 400,000,000 −
    // 300,000,000 = 100,000,000 moved, or 100,000,000 / 0.6 = 166,666,666.7 → 166,666,667 added.
    {
      basis: "circle",
      before: { localFen: 300_000_000n, rate: 0.3 },
      amount: { localFen: 56_000_000n, otherFen: 60_000_000n },
      moving: { localFen: 356_000_000n, movedFen: 56_000_000n, rate: 0.356 },
      adding: { totalFen: 1_116_000_000n, localFen: 356_000_000n, rate: 0.318996 },
      needed: { moving: 100_000_000n, adding: 166_666_667n },
    },
  ])("on the $basis basis: the sums counted, moved and added, and the amounts needed", async (x) => {
    const r = await whatIf({ basis: x.basis, demands: ids("D1", "D2", "D3", "D4", "D5") });
    expect(r.before).toMatchObject({ totalFen: 1_000_000_000n, ...x.before });
    expect(r.amount).toEqual(x.amount);
    expect(r.ways.moving).toMatchObject({ totalFen: 1_000_000_000n, ...x.moving });
    expect(r.ways.adding).toMatchObject({ totalFen: x.adding.totalFen, localFen: x.adding.localFen });
    expect(r.ways.adding.rate).toBeCloseTo(x.adding.rate, 6);
    expect(r.needed).toEqual([{ test: "min_rate", threshold: 0.4, ...x.needed }]);
  });

  it("does not count a quote its supplier has withdrawn or declined", async () => {
    for (const state of ["declined", "withdrawn"] as const) {
      await s.db.updateTable("matches").set({ state }).where("demand_id", "=", demand.D1!).execute();
      const r = await whatIf({ demands: ids("D1", "D4") });
      expect(r.demands.find((d) => d.id === demand.D1)).toMatchObject({
        quoteFen: null,
        amountFen: null,
        unpriced: true,
      });
      expect(r.amount).toEqual({ localFen: 0n, otherFen: 20_000_000n }); // D4 alone
    }
    await s.db.updateTable("matches").set({ state: "interested" }).where("demand_id", "=", demand.D1!).execute();
    expect((await whatIf({ demands: ids("D1") })).amount).toEqual({ localFen: 50_000_000n, otherFen: 0n });
  });

  it("keeps a value past 2^53 exact: the maximum quote × 1,000,000 pieces", async () => {
    const r = await whatIf({ demands: ids("D6") });
    expect(r.demands).toMatchObject([{ quoteFen: 100_000_000_000_000, amountFen: 100_000_000_000_000_000_000n }]);
    expect(r.amount).toEqual({ localFen: 100_000_000_000_000_000_000n, otherFen: 0n });
    // Moving: only the 600,000,000 outside can move, to 1,000,000,000 / 1,000,000,000.
    expect(r.ways.moving).toMatchObject({ localFen: 1_000_000_000n, movedFen: 600_000_000n, rate: 1 });
    expect(r.ways.adding).toMatchObject({
      totalFen: 100_000_000_001_000_000_000n,
      localFen: 100_000_000_000_400_000_000n,
    });
  });

  it("answers the API with each demand's amount as exact decimal text", async () => {
    const get = async (query: string) => {
      const res = await fetch(`${app.url}/api/v1/ledger/what-if?year=2025&${query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      return (await res.json()) as { demands: { id: string }[]; amount: unknown };
    };
    const r = await get(`demands=${ids("D1", "D3", "D4", "D5")}`);
    const of = (key: string) => r.demands.find((d) => d.id === demand[key]);
    expect(of("D1")).toMatchObject({ quote_fen: 1_250, amount_fen: "50000000", local: true });
    expect(of("D3")).toMatchObject({ quote_fen: 6_000_000, amount_fen: "6000000", local: true });
    expect(of("D4")).toMatchObject({ quote_fen: 2_000, amount_fen: "20000000", local: false });
    expect(of("D5")).toMatchObject({ quote_fen: null, amount_fen: null, unpriced: true });
    expect(r.amount).toEqual({ local_fen: "56000000", other_fen: "20000000" });
    const big = await get(`demands=${ids("D6")}`);
    expect(big.demands).toMatchObject([{ amount_fen: "100000000000000000000" }]);
  });

  it("gives the page each demand's amount (the column's figures)", async () => {
    const res = await fetch(
      `${app.url}/dashboard/what-if?year=2025&demand=${demand.D1}&demand=${demand.D3}&demand=${demand.D5}&_data=routes/dashboard.what-if`,
      { headers: { cookie } },
    );
    expect(res.status).toBe(200);
    const page = (await res.json()) as { demands: { id: string; amountFen: string | null }[] };
    const amount = (key: string) => page.demands.find((d) => d.id === demand[key])?.amountFen;
    expect([amount("D1"), amount("D3"), amount("D5")]).toEqual(["50000000", "6000000", null]);
    // The rendered column: its label from the catalogue, each demand's value per year in yuan.
    const html = await (await fetch(res.url.replace(/&_data=.*$/, ""), { headers: { cookie } })).text();
    expect(html).toContain("年采购额（元）");
    expect([...html.matchAll(/data-testid="what-if-annual-value">([^<]*)</g)].map((m) => m[1]).sort()).toEqual([
      "500,000.00",
      "60,000.00",
      "—",
    ]);
  });
});
