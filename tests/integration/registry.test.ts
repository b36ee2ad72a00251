import { haversineKm } from "../../app/domain/geo";
import iconv from "iconv-lite";
import { beforeAll, describe, expect, it } from "vitest";
import { IMPORT_COLUMNS } from "../../app/domain/supplier-import";
import { csvToRecords, ImportFileError } from "../../app/lib/import/records";
import { supplierProfileSchema } from "../../app/domain/supplier-profile";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";
import { getSupplierProfile } from "../../db/supplier-profiles.server";
import { findUserByEmail } from "../../db/users.server";
import type { Actor } from "../../app/domain/policy";
import type { Deps } from "../../app/features/deps.server";
import { runSupplierImport, startSupplierImport } from "../../app/features/suppliers/import.server";
import { saveSupplierProfile } from "../../app/features/suppliers/profile.server";
import { langCookie } from "../../app/lib/lang.server";
import { searchDirectory } from "../../search/directory.server";
import { until } from "../helpers/app";
import { HttpClient } from "../helpers/http";
import { actorOf } from "../helpers/actors";
import { demoApp, type DemoApp } from "../helpers/demo";

let s: DemoApp;
let supplierId: string;
let deps: Deps;
let supplierAdmin: Actor;
let official: Actor;

beforeAll(async () => {
  s = await demoApp();
  supplierId = (await findUserByEmail(s.db, "supplier-admin@demo.peitao.example"))!.organization_id;
  deps = { db: s.db, search: s.search, ip: null };
  supplierAdmin = await actorOf(s.db, "supplier-admin@demo.peitao.example");
  official = await actorOf(s.db, "official@demo.peitao.example");
});

const supplierCount = async () =>
  Number(
    (
      await s.db
        .selectFrom("organizations")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("kind", "=", "supplier")
        .executeTakeFirstOrThrow()
    ).n,
  );

const directory = (q: string, extra: Partial<Parameters<typeof searchDirectory>[1]> = {}) =>
  searchDirectory(s.search, { q, page: 1, perPage: 20, ...extra });

describe("supplier profile", () => {
  // The lag is measured and printed here; its percentiles under load are the benchmark's
  // (tests/bench). The deadline leaves room for Meilisearch's occasional slow commit
  // (up to ~2 s seen on a fresh index on these machines).
  it("a saved profile change becomes searchable at once, by Chinese, English and pinyin name", async () => {
    const current = (await getSupplierProfile(s.db, supplierId))!;
    const profile = supplierProfileSchema.parse({
      ...current,
      nameZh: "长春凯越精密压铸有限公司",
      nameEn: "Changchun Kaiyue Precision Die Casting Co., Ltd.",
      categories: ["E01", "J01"],
      certifications: [
        { kind: "IATF16949", validUntil: "2028-06-30" },
        { kind: "ISO9001", validUntil: "2020-01-01" },
      ],
    });
    // The expired one was stored while valid (a save refuses one entered already expired).
    await s.db.deleteFrom("supplier_certifications").where("supplier_id", "=", supplierId).execute();
    await s.db
      .insertInto("supplier_certifications")
      .values({ supplier_id: supplierId, kind: "ISO9001", valid_until: "2020-01-01" })
      .execute();
    const t0 = Date.now();
    expect(await saveSupplierProfile(deps, supplierAdmin, { ...profile, confirmDuplicate: true })).toEqual({
      saved: true,
    });
    await until(
      async () => (await directory("凯越精密")).hits.some((h) => h.supplier_id === supplierId),
      15_000,
      "searchable",
    );
    const lag = Date.now() - t0;
    console.log(`[registry] profile change searchable after ${lag} ms`);
    for (const q of ["Kaiyue Die Casting", "kaiyue", "changchunkaiyue", "ccky"]) {
      expect(
        (await directory(q)).hits.map((h) => h.supplier_id),
        q,
      ).toContain(supplierId);
    }
    const hit = (await directory("凯越精密")).hits.find((h) => h.supplier_id === supplierId)!;
    // Only the certification still valid is searchable.
    expect(hit.certifications).toEqual(["IATF16949"]);
  });

  it("filters by category and certification exactly, and a hostile filter value finds nothing", async () => {
    const iatf = await directory("", { certification: "IATF16949", category: "J01" });
    expect(iatf.total).toBeGreaterThan(0);
    for (const h of iatf.hits) {
      expect(h.category_codes).toContain("J01");
      expect(h.certifications).toContain("IATF16949");
    }
    for (const evil of ['J01" OR certifications EXISTS OR "', 'J01\\" OR is_sample = true OR \\"', "J01 OR 1=1"]) {
      const r = await directory("", { category: evil });
      expect(r.total, evil).toBe(0);
    }
  });

  it("says which filter emptied a search", async () => {
    const r = await directory("凯越精密压铸", { certification: "VDA6.3" });
    expect(r.total).toBe(0);
    expect(r.emptiedBy).toEqual([{ filter: "certification", total: 1 }]);
  });

  it("ranks by distance from a plant inside the radius, with distances in km", async () => {
    const plant = await s.db.selectFrom("plants").selectAll().where("code", "=", "OEM05").executeTakeFirstOrThrow();
    const r = await directory("", { geo: { plantCode: plant.code, radiusKm: 50 }, perPage: 50 });
    expect(r.total).toBeGreaterThan(0);
    const d = r.hits.map((h) => h.distance_km!);
    expect(d.every((x) => x <= 50)).toBe(true);
    expect([...d].sort((a, b) => a - b)).toEqual(d);
    // The distances are the sites' own, measured here independently.
    for (const h of r.hits) expect(h.distance_km).toBeCloseTo(haversineKm(plant, h.location), 1);
    // Every site within 50 km is counted, none beyond.
    const sites = await s.db.selectFrom("supplier_sites").select(["supplier_id", "lat", "lng"]).execute();
    const inside = new Set(sites.filter((x) => haversineKm(plant, x) <= 50).map((x) => x.supplier_id));
    expect(r.total).toBe(inside.size);
  });
});

describe("profile form over HTTP", () => {
  let c: HttpClient;
  beforeAll(async () => {
    c = new HttpClient(s.url);
    await c.post("/login", { email: "supplier-admin@demo.peitao.example", password: DEMO_PASSWORD });
  });
  const base = {
    nameZh: "长春凯越精密压铸有限公司",
    categories: "E01",
    "site.0.adcode": "220106",
    "site.0.lat": "43.83",
    "site.0.lng": "125.2",
  };

  it("refuses malformed and out-of-China coordinates and unknown categories, changing nothing", async () => {
    const before = await getSupplierProfile(s.db, supplierId);
    for (const [form, message] of [
      [{ ...base, "site.0.lat": "43,83abc" }, "请输入有效的十进制坐标"],
      [{ ...base, "site.0.lat": "48.85", "site.0.lng": "2.35" }, "坐标不在中国境内"],
      [{ ...base, categories: "Z99" }, "未知的品类代码"],
      [{ ...base, nameZh: "" }, "必填"],
      // A certificate date that does not exist (it reached PostgreSQL and answered 500).
      [{ ...base, "cert.0.kind": "IATF16949", "cert.0.validUntil": "2026-02-31" }, "请输入日期"],
    ] as const) {
      const res = await c.post("/profile", form);
      expect(res.status, message).toBe(400);
      expect(await res.text()).toContain(message);
    }
    expect(await getSupplierProfile(s.db, supplierId)).toEqual(before);
  });

  it("converts GCJ-02 input to WGS-84 and fills a county's point when no coordinates are given", async () => {
    const res = await c.post("/profile", {
      ...base,
      "site.0.lat": "43.83245",
      "site.0.lng": "125.20646",
      "site.0.datum": "gcj02",
      "site.1.adcode": "220202",
      "site.1.label": "吉林分厂",
      confirmDuplicate: "1",
    });
    expect(res.status).toBe(200);
    const p = (await getSupplierProfile(s.db, supplierId))!;
    expect(p.sites).toHaveLength(2);
    expect(Math.abs(p.sites[0]!.lat - 43.83)).toBeLessThan(0.003);
    expect(p.sites[0]!.lat).not.toBe(43.83245);
    const place = await s.db.selectFrom("places").selectAll().where("adcode", "=", 220202).executeTakeFirstOrThrow();
    // No coordinates: the site stands at the county's seat of government.
    expect(place.seat_lat).not.toBeNull();
    expect(p.sites[1]).toMatchObject({ adcode: 220202, lat: place.seat_lat, lng: place.seat_lng, label: "吉林分厂" });
  });

  it("warns of a near-duplicate in the same county before saving", async () => {
    const other = await s.db
      .selectFrom("organizations as o")
      .innerJoin("supplier_sites as st", "st.supplier_id", "o.id")
      .select(["o.name_zh", "st.adcode", "st.lat", "st.lng"])
      .where("o.id", "!=", supplierId)
      .where("o.kind", "=", "supplier")
      .limit(1)
      .executeTakeFirstOrThrow();
    const similar = other.name_zh.replace(/（示例）$/, "");
    const form = {
      ...base,
      nameZh: similar,
      "site.0.adcode": String(other.adcode),
      "site.0.lat": String(other.lat),
      "site.0.lng": String(other.lng),
    };
    const warned = await c.post("/profile", form);
    expect(warned.status).toBe(409);
    expect(await warned.text()).toContain(other.name_zh);
    expect((await getSupplierProfile(s.db, supplierId))!.nameZh).not.toBe(similar);
    const saved = await c.post("/profile", { ...form, confirmDuplicate: "1" });
    expect(saved.status).toBe(200);
    expect((await getSupplierProfile(s.db, supplierId))!.nameZh).toBe(similar);
  });

  it("lets officials verify or reject with a reason, visible to buyers", async () => {
    const official = new HttpClient(s.url);
    await official.post("/login", { email: "official@demo.peitao.example", password: DEMO_PASSWORD });
    expect((await official.post(`/suppliers/${supplierId}`, { decision: "rejected" })).status).toBe(400);
    expect(
      (await official.post(`/suppliers/${supplierId}`, { decision: "rejected", reason: "营业执照与名称不符" })).status,
    ).toBe(200);
    const page = await (await new HttpClient(s.url).get(`/suppliers/${supplierId}`)).text();
    expect(page).toContain("未通过");
    expect(page).toContain("营业执照与名称不符");
    // Another supplier may not verify.
    expect((await c.post(`/suppliers/${supplierId}`, { decision: "verified" })).status).toBe(403);
    const audit = await s.db.selectFrom("audit_log").selectAll().where("action", "=", "verification_decided").execute();
    expect(audit).toHaveLength(1);
  });
});

describe("bulk import", () => {
  const header = IMPORT_COLUMNS.map((col) => col.zh).join(",");
  const line = (cells: Partial<Record<(typeof IMPORT_COLUMNS)[number]["key"], string>>) =>
    IMPORT_COLUMNS.map((col) => cells[col.key] ?? "").join(",");
  const rows = [
    line({
      uscc: "91220101MA0Y3F2K13",
      nameZh: "长春导入测试甲汽车部件有限公司",
      county: "220106",
      categories: "E01;E02",
      certifications: "IATF16949:2028-01-31",
      employees: "120",
    }),
    line({ uscc: "914403001922038217", nameZh: "坏校验位公司", county: "220106", categories: "E01" }), // row 3: bad USCC
    line({
      nameZh: "吉林市导入测试乙模具有限公司",
      county: "昌邑区",
      categories: "J03",
      lat: "43.88",
      lng: "126.57",
      datum: "GCJ02",
    }),
    line({ nameZh: "未知区县公司", county: "999999", categories: "E01" }), // row 5: unknown county
    line({ nameZh: "未知品类公司", county: "220106", categories: "Q77" }), // row 6: unknown category
    line({ nameZh: "境外坐标公司", county: "220106", categories: "E01", lat: "48.85", lng: "2.35" }), // row 7: outside China
  ];
  const gbk = () => iconv.encode(`${header}\r\n${rows.join("\r\n")}\r\n`, "gbk");

  it("decodes GBK, reports exactly the bad rows, writes the rest, and changes nothing the second time", async () => {
    const { records, encoding } = csvToRecords(gbk(), IMPORT_COLUMNS);
    expect(encoding).toBe("gb18030");
    expect(records.map((r) => r.record.nameZh)).toContain("吉林市导入测试乙模具有限公司");
    const before = await supplierCount();
    const { jobId } = await startSupplierImport(deps, official, { fileName: "gbk.csv", records });
    const first = await runSupplierImport(deps, official, { jobId, records });
    const rejectedRows = first.report.filter((r) => !r.warning).map((r) => r.row);
    expect(rejectedRows).toEqual([3, 5, 6, 7]);
    expect(first).toMatchObject({ inserted: 2, updated: 0, unchanged: 0, rejected: 4 });
    expect(await supplierCount()).toBe(before + first.inserted);
    const outboxBefore = await s.db
      .selectFrom("search_outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();

    const again = await runSupplierImport(deps, official, {
      jobId: (await startSupplierImport(deps, official, { fileName: "gbk.csv", records })).jobId,
      records,
    });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: first.inserted, rejected: first.rejected });
    expect(await supplierCount()).toBe(before + first.inserted);
    const outboxAfter = await s.db
      .selectFrom("search_outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(outboxAfter.n)).toBe(Number(outboxBefore.n));
    const gcj = await s.db
      .selectFrom("organizations as o")
      .innerJoin("supplier_sites as st", "st.supplier_id", "o.id")
      .select(["st.lat", "st.lng", "st.adcode"])
      .where("o.name_zh", "=", "吉林市导入测试乙模具有限公司")
      .executeTakeFirstOrThrow();
    expect(gcj.adcode).toBe(220202);
    expect(gcj.lat).not.toBe(43.88);
  });

  it("refuses files with missing columns or an unreadable encoding, and a 50 MB upload", async () => {
    // The category column may not be left out.
    expect(() => csvToRecords(new TextEncoder().encode("企业名称,区县\n甲,朝阳区\n"), IMPORT_COLUMNS)).toThrow(
      /品类代码/,
    );
    // Either the prefecture or the county column is enough; a file with neither is refused.
    expect(() => csvToRecords(new TextEncoder().encode("企业名称,品类代码\n甲,E01\n"), IMPORT_COLUMNS)).toThrow(/区县/);
    expect(() =>
      csvToRecords(new TextEncoder().encode("企业名称,品类代码,地级市\n甲,E01,长春市\n"), IMPORT_COLUMNS),
    ).not.toThrow();
    expect(() =>
      csvToRecords(new Uint8Array([0xff, 0xfe, 0x00, 0x01, 0x80, 0x81, 0x82, 0xff, 0x00, 0x00]), IMPORT_COLUMNS),
    ).toThrow(ImportFileError);
    const official = new HttpClient(s.url);
    await official.post("/login", { email: "official@demo.peitao.example", password: DEMO_PASSWORD });
    const big = await fetch(`${s.url}/imports`, {
      method: "POST",
      headers: { origin: s.url, cookie: official.cookie, "content-type": "multipart/form-data; boundary=x" },
      body: new Uint8Array(50 * 1024 * 1024),
    });
    expect(big.status).toBe(413);
    expect(await big.text()).toContain("10 MB");
  });

  it("runs an upload over HTTP in the background and shows the report", async () => {
    const official = new HttpClient(s.url);
    await official.post("/login", { email: "official@demo.peitao.example", password: DEMO_PASSWORD });
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array(gbk())]), "suppliers-gbk.csv");
    const res = await fetch(`${s.url}/imports`, {
      method: "POST",
      headers: { origin: s.url, cookie: official.cookie },
      body: form,
      redirect: "manual",
    });
    expect(res.status).toBe(302);
    const jobUrl = res.headers.get("location")!;
    const html = await until(
      async () => {
        const page = await (await official.get(jobUrl)).text();
        return page.includes('data-status="done"') ? page : undefined;
      },
      20_000,
      "import done",
    );
    // Statuses and reasons are said in the page's language, never as codes.
    expect(html).toContain("已完成");
    expect(html).toContain("未知区县");
    expect(html).toContain("未知品类代码");
    expect(html).toContain("坐标不在中国境内");
    // (The loader data in the page's script holds the codes; the rendered text never does.)
    const visible = (page: string) => page.replace(/<script[\s\S]*?<\/script>/g, "");
    expect(visible(html)).not.toMatch(/unknown_county|invalid_field|outside China/);
    const english = await (
      await official.get(jobUrl, { cookie: `${official.cookie}; ${await langCookie.serialize("en")}` })
    ).text();
    expect(english).toContain("Unknown county: 999999");
    expect(english).toContain("Unknown category codes: Q77");
    expect(english).toContain("These coordinates are outside China");
    expect(english).toMatch(/<strong data-status="done">Done<\/strong>/);
    expect(visible(english)).not.toContain("未知区县");
    const list = await (
      await official.get("/imports", { cookie: `${official.cookie}; ${await langCookie.serialize("en")}` })
    ).text();
    expect(list).toContain("<title>Supplier bulk import");
    expect(visible(list)).not.toMatch(/>done</);
    const missing = new FormData();
    missing.set("file", new Blob(["企业名称\n甲\n"]), "bad.csv");
    const bad = await fetch(`${s.url}/imports`, {
      method: "POST",
      headers: { origin: s.url, cookie: official.cookie },
      body: missing,
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("缺少必需的列");
  });
});

describe("JSON API", () => {
  it("searches suppliers with distances, refuses bad parameters with field errors, and documents itself", async () => {
    const c = new HttpClient(s.url);
    await c.post("/login", { email: "buyer@demo.peitao.example", password: DEMO_PASSWORD });
    const ok = await c.get("/api/v1/suppliers?plant=OEM05&radius_km=60&category=E01");
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { total: number; hits: { distance_km: number; categories: string[] }[] };
    expect(body.total).toBeGreaterThan(0);
    for (const h of body.hits) {
      expect(h.distance_km).toBeLessThanOrEqual(60);
      expect(h.categories).toContain("E01");
    }
    const bad = await c.get("/api/v1/suppliers?radius_km=abc&category=Q99&plant=NOPE");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "invalid_request", fields: { radius_km: expect.any(String) } });
    const unknown = await c.get("/api/v1/suppliers?category=Q99");
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ fields: { category: "unknown_category" } });
    const noPlant = await c.get("/api/v1/suppliers?plant=NOPE1");
    expect(await noPlant.json()).toMatchObject({ fields: { plant: "unknown_plant" } });
    // The page's filters (group, city, verified only) are the API's too: one query schema.
    const verified = (await (await c.get("/api/v1/suppliers?group=E&verified=1&per_page=100")).json()) as {
      hits: { verification_status: string; categories: string[] }[];
    };
    for (const h of verified.hits) {
      expect(h.verification_status).toBe("verified");
      expect(h.categories.some((code) => code.startsWith("E"))).toBe(true);
    }
    // The public page refuses what the API refuses (issue 14): it names the fields and lists
    // nothing, rather than dropping them and widening the list to everything.
    const refused = await c.get("/suppliers?radius_km=abc&category=Q99&plant=NOPE1&certification=XYZ");
    expect(refused.status).toBe(400);
    const refusedPage = await refused.text();
    expect(refusedPage).toContain('data-testid="invalid-filters"');
    expect(refusedPage).not.toContain('data-testid="supplier-hit"');
    const detail = await c.get(`/api/v1/suppliers/${supplierId}`);
    expect(((await detail.json()) as { private: unknown }).private).not.toBeNull();
    expect((await c.get("/api/v1/suppliers/not-a-uuid")).status).toBe(404);
    const doc = (await (await fetch(`${s.url}/api/v1/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v1/suppliers", "/api/v1/suppliers/{id}", "/api/v1/me"]),
    );
  });
});
