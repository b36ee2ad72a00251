import { beforeAll, describe, expect, it } from "vitest";
import { haversineKm } from "../../app/domain/geo";
import { inJilin, provinceOf } from "../../app/domain/locality";
import type { Actor } from "../../app/domain/policy";
import { makeUscc } from "../../app/domain/uscc";
import { createUser } from "../../app/features/accounts/organizations.server";
import { dashboardData } from "../../app/features/dashboard/rates-overview.server";
import { dashboardTables } from "../../app/features/dashboard/tables";
import type { Deps } from "../../app/features/deps.server";
import { importProcurement } from "../../app/features/ledger/import-procurement.server";
import { ratesOf } from "../../app/features/ledger/rates.server";
import { confirmMatch, inviteMatch, respondToMatch } from "../../app/features/matching/match-actions.server";
import { rankDemand } from "../../app/features/matching/ranking.server";
import { runSupplierImport, startSupplierImport } from "../../app/features/suppliers/import.server";
import { langCookie } from "../../app/lib/lang.server";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";
import { getDemand } from "../../db/demands.server";
import { NEIGHBOUR_SAMPLE_SHARE } from "../../db/seed.server";
import { getSupplierProfile } from "../../db/supplier-profiles.server";
import { searchDirectory } from "../../search/directory.server";
import { actorOf } from "../helpers/actors";
import { until } from "../helpers/app";
import { postTestDemand } from "../helpers/demands";
import { demoApp, type DemoApp } from "../helpers/demo";
import { HttpClient } from "../helpers/http";

// A supplier in 昌图县 (Changtu, Tieling, Liaoning), about 40-50 km from the Siping plants:
// it registers, ranks inside Siping's circle, and counts as outside Jilin and inside the
// circle in the ledger (issue 12, part 4).

let s: DemoApp;
let deps: Deps;
let buyer: Actor;
let official: Actor;
let plant: { id: string; code: string; lat: number; lng: number; oem_id: string };
let changtu: { lat: number; lng: number };
const CHANGTU = 211224;
const signup = {
  nameZh: "昌图华泰汽车部件有限公司",
  uscc: makeUscc(CHANGTU, 4_711),
  displayName: "赵工",
  email: "zhao@changtu.example",
  password: "昌图配套测试密码2026",
};
let supplier: Actor;

beforeAll(async () => {
  s = await demoApp();
  deps = { db: s.db, search: s.search, ip: null };
  official = await actorOf(s.db, "official@demo.peitao.example");
  // The Siping special-vehicle plant (OEM13, at the prefecture seat) and a buyer of its OEM.
  plant = await s.db
    .selectFrom("plants")
    .select(["id", "code", "lat", "lng", "oem_id"])
    .where("code", "=", "OEM13")
    .executeTakeFirstOrThrow();
  await createUser(deps, null, {
    role: "oem_buyer",
    email: "buyer@siping.example",
    name: "四平采购",
    password: "四平配套测试密码2026",
    org: plant.oem_id,
  });
  buyer = await actorOf(s.db, "buyer@siping.example");
  // A site given only by its county stands at the county's seat of government.
  const place = await s.db
    .selectFrom("places")
    .select(["lat", "lng", "seat_lat", "seat_lng"])
    .where("adcode", "=", CHANGTU)
    .executeTakeFirstOrThrow();
  changtu = { lat: place.seat_lat ?? place.lat, lng: place.seat_lng ?? place.lng };
});

describe("a supplier in Changtu (Liaoning) registers", () => {
  let c: HttpClient;

  it("offers the county in the profile form under its province, after Jilin's counties", async () => {
    c = new HttpClient(s.url);
    const res = await c.post("/signup", signup);
    expect(res.status).toBe(302);
    supplier = await actorOf(s.db, signup.email);
    const html = await (await c.get("/profile")).text();
    const groups = [...html.matchAll(/<optgroup label="([^"]+)"/g)].map((m) => m[1]);
    // One picker per site row (the existing ones and a new one): each lists Jilin first.
    expect(groups.slice(0, 4)).toEqual(["吉林省", "内蒙古自治区", "辽宁省", "黑龙江省"]);
    expect(html).toMatch(/<option value="211224">铁岭市 · 昌图县<\/option>/);
    const liaoning = html.indexOf('<optgroup label="辽宁省"');
    expect(html.indexOf('value="211224"')).toBeGreaterThan(liaoning);
    expect(html.indexOf('value="220102"')).toBeLessThan(liaoning);
    const en = await (await c.get("/profile", { cookie: `${c.cookie}; ${await langCookie.serialize("en")}` })).text();
    expect(en).toContain('<optgroup label="Liaoning Province"');
    expect(en).toMatch(/<option value="211224">Tieling · Changtu County<\/option>/);
  });

  it("saves a site in the county, placed at the county's point when no coordinates are given", async () => {
    const res = await c.post("/profile", {
      nameZh: signup.nameZh,
      categories: "D01",
      "site.0.label": "昌图工厂",
      "site.0.adcode": String(CHANGTU),
    });
    expect(res.status).toBe(200);
    const p = (await getSupplierProfile(s.db, supplier.organizationId))!;
    expect(p.sites).toEqual([expect.objectContaining({ adcode: CHANGTU, lat: changtu.lat, lng: changtu.lng })]);
    const page = await (await c.get(`/suppliers/${supplier.organizationId}`)).text();
    expect(page).toContain("辽宁省 · 铁岭市 · 昌图县");
  });

  it("is found in the directory under its city, named with its province", async () => {
    await until(
      async () =>
        (await searchDirectory(s.search, { q: "", city: 211200, page: 1, perPage: 100 })).hits.some(
          (h) => h.supplier_id === supplier.organizationId,
        ),
      15_000,
      "the Changtu supplier in the index",
    );
    const page = await (await new HttpClient(s.url).get("/suppliers?city=211200&q=昌图华泰")).text();
    expect(page).toContain("昌图华泰汽车部件有限公司");
    expect(page).toContain("辽宁省 · 铁岭市 · 昌图县");
    expect(page).toContain("辽宁省 · 铁岭市</a>");
  });
});

describe("the Changtu supplier ranks and counts", () => {
  let demandId: string;
  const amountFen = 3_000_000_00;

  it("ranks inside the 100 km circle of a demand at the Siping plant, at its true distance", async () => {
    demandId = await postTestDemand(s.db, buyer, {
      plant: plant.code,
      part_name: "专用车副车架",
      category: "D01",
      annual_volume: 3000,
      radius_km: 100,
    });
    const demand = (await getDemand(s.db, demandId))!;
    const ranking = await rankDemand(s.search, demand, 50, 500);
    const hit = ranking.inside.find((h) => h.supplier_id === supplier.organizationId);
    const km = haversineKm(plant, changtu);
    expect(km).toBeGreaterThan(35);
    expect(km).toBeLessThan(55);
    expect(hit).toMatchObject({ inside_circle: true });
    expect(hit!.distance_km).toBeCloseTo(km, 1);
  });

  it("counts outside Jilin on the province basis and inside the circle on the circle basis when confirmed", async () => {
    const before = {
      province: await ratesOf(s.db, { oemId: plant.oem_id }, { basis: "province", year: 2026 }),
      circle: await ratesOf(s.db, { oemId: plant.oem_id }, { basis: "circle", year: 2026 }),
    };
    const target = { demandId, supplierId: supplier.organizationId };
    await inviteMatch(deps, buyer, target);
    await respondToMatch(deps, supplier, {
      demandId,
      response: { action: "express_interest", quote_fen: amountFen, quote_note: "" },
    });
    const done = await confirmMatch(deps, buyer, {
      ...target,
      contract: { amount_fen: amountFen, annual_volume: 3000, year: 2026 },
    });
    expect(done.ledgerPosted).toBe(true);
    const entry = await s.db
      .selectFrom("ledger_entries")
      .selectAll()
      .where("match_id", "=", done.matchId)
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      supplier_province: "辽宁省",
      supplier_in_jilin: false,
      supplier_city_adcode: 211200,
      inside_circle: true,
    });
    expect(entry.distance_km).toBeCloseTo(haversineKm(plant, changtu), 2);
    const after = {
      province: await ratesOf(s.db, { oemId: plant.oem_id }, { basis: "province", year: 2026 }),
      circle: await ratesOf(s.db, { oemId: plant.oem_id }, { basis: "circle", year: 2026 }),
    };
    for (const basis of ["province", "circle"] as const)
      expect(after[basis].current.totalFen - before[basis].current.totalFen).toBe(amountFen);
    expect(after.province.current.localFen - before.province.current.localFen).toBe(0);
    expect(after.circle.current.localFen - before.circle.current.localFen).toBe(amountFen);
  });

  it("is located the same way by the OEM's procurement import: by county, or as the registered supplier", async () => {
    const base = { year: "2026", quarter: "2", plant: plant.code, category: "D01", amount: "1000.00" };
    const res = await importProcurement(deps, buyer, {
      records: [
        { row: 2, record: { ...base, documentNo: "NB-1", supplierName: "昌图某厂", county: String(CHANGTU) } },
        {
          row: 3,
          record: {
            ...base,
            documentNo: "NB-2",
            supplierName: "昌图某厂",
            province: "辽宁省",
            county: String(CHANGTU),
          },
        },
        { row: 4, record: { ...base, documentNo: "NB-3", supplierName: signup.nameZh, supplierUscc: signup.uscc } },
      ],
    });
    expect(res).toMatchObject({ inserted: 3, rejected: 0 });
    const entries = await s.db
      .selectFrom("ledger_entries")
      .selectAll()
      .where("document_no", "in", ["NB-1", "NB-2", "NB-3"])
      .orderBy("document_no")
      .execute();
    for (const e of entries) {
      expect(e, e.document_no!).toMatchObject({
        supplier_province: "辽宁省",
        supplier_in_jilin: false,
        supplier_city_adcode: 211200,
        inside_circle: true,
      });
      expect(e.distance_km, e.document_no!).toBeCloseTo(haversineKm(plant, changtu), 2);
    }
    expect(entries[2]!.supplier_id).toBe(supplier.organizationId);
  });

  it("shows its city on the dashboard under its province, and the dashboard and its map still draw", async () => {
    const data = await dashboardData(s.db, { year: 2026, basis: "province", oemId: plant.oem_id });
    const tieling = data.cityRows.find((c) => c.adcode === 211200);
    expect(tieling).toMatchObject({ nameZh: "铁岭市", provinceZh: "辽宁省", provinceEn: "Liaoning Province" });
    const jilinCities = data.cityRows.filter((c) => c.adcode !== null && inJilin(c.adcode));
    expect(jilinCities.length).toBeGreaterThan(0);
    for (const c of jilinCities) expect(c).toMatchObject({ provinceZh: null, provinceEn: null });
    const cities = dashboardTables(data, [], "zh").find((t) => t.id === "cities")!;
    expect(cities.rows.map((r) => r[0]!.value)).toContain("辽宁省 · 铁岭市");
    const en = dashboardTables(data, [], "en").find((t) => t.id === "cities")!;
    expect(en.rows.map((r) => r[0]!.value)).toContain("Liaoning Province · Tieling");
    const c = new HttpClient(s.url);
    await c.post("/login", { email: "official@demo.peitao.example", password: DEMO_PASSWORD });
    const page = await c.get("/dashboard?year=2026");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("辽宁省 · 铁岭市");
    const map = await c.get("/dashboard/map.svg?lang=zh");
    expect(map.status).toBe(200);
  });
});

describe("the supplier import takes a neighbour's county", () => {
  it("imports rows in 昌图县 by code and by name", async () => {
    const records = [
      { nameZh: "昌图一号配套有限公司", uscc: makeUscc(CHANGTU, 4_801), county: "211224", categories: "D01" },
      { nameZh: "昌图二号配套有限公司", uscc: makeUscc(CHANGTU, 4_802), county: "昌图县", categories: "E01" },
    ].map((record, i) => ({ row: i + 2, record }));
    const { jobId } = await startSupplierImport(deps, official, { fileName: "changtu.csv", records });
    const result = await runSupplierImport(deps, official, { jobId, records });
    expect(result).toMatchObject({ inserted: 2, rejected: 0 });
    const sites = await s.db
      .selectFrom("supplier_sites as st")
      .innerJoin("organizations as o", "o.id", "st.supplier_id")
      .select(["o.name_zh", "st.adcode", "st.lat", "st.lng"])
      .where("o.name_zh", "like", "昌图_号配套有限公司")
      .execute();
    expect(sites).toHaveLength(2);
    for (const site of sites) expect(site).toMatchObject({ adcode: CHANGTU, lat: changtu.lat, lng: changtu.lng });
  });
});

describe("sample data across the border", () => {
  it("puts a small share of the sample suppliers in the neighbouring counties", async () => {
    const sites = await s.db
      .selectFrom("supplier_sites as st")
      .innerJoin("organizations as o", "o.id", "st.supplier_id")
      .select(["st.adcode"])
      .where("o.is_sample", "=", true)
      .execute();
    const across = sites.filter((x) => !inJilin(x.adcode)).length;
    expect(sites).toHaveLength(300);
    expect(across / sites.length).toBeGreaterThan(NEIGHBOUR_SAMPLE_SHARE / 2);
    expect(across / sites.length).toBeLessThan(NEIGHBOUR_SAMPLE_SHARE * 2);
  });

  it("records the demo ledger's entries of sample suppliers across the border as outside Jilin", async () => {
    const rows = await s.db
      .selectFrom("ledger_entries as l")
      .innerJoin("supplier_sites as st", (j) =>
        j.onRef("st.supplier_id", "=", "l.supplier_id").on("st.is_primary", "=", true),
      )
      .select(["st.adcode", "l.supplier_province", "l.supplier_in_jilin"])
      .where("l.document_no", "like", "DEMO-%")
      .execute();
    const across = rows.filter((r) => !inJilin(r.adcode));
    expect(across.length).toBeGreaterThan(0);
    for (const r of across)
      expect(r).toMatchObject({ supplier_in_jilin: false, supplier_province: provinceOf(r.adcode) });
    for (const r of rows.filter((x) => inJilin(x.adcode)))
      expect(r).toMatchObject({ supplier_in_jilin: true, supplier_province: "吉林省" });
  });
});
