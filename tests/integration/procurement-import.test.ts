import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  isCommentRecord,
  parseProcurementRow,
  PROCUREMENT_COLUMNS,
  type ProcurementRecord,
} from "../../app/domain/procurement-import";
import { seedDemoIfEmpty } from "../../app/features/demo/seed-demo.server";
import { importProcurement } from "../../app/features/ledger/import-procurement.server";
import { reverseLedgerEntry } from "../../app/features/ledger/reverse.server";
import { csvToRecords, tableToRecords } from "../../app/lib/import/records";
import { readXlsx } from "../../app/lib/import/xlsx.server";
import { createApiToken } from "../../db/api-tokens.server";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";
import { ledgerSums } from "../../db/ledger.server";
import { findUserByEmail } from "../../db/users.server";
import { auditRows } from "../helpers/audit";
import { defaultSettings, serveApp } from "../helpers/app";
import { HttpClient } from "../helpers/http";
import { testServices, type TestServices } from "../helpers/services";

// The procurement import an official can trust (issue 12, part 7), through the real
// database and the built app: provinces by any name, contradictions and unknown
// localities as row errors, unknown locality imported on request and shown on the
// dashboard, changed documents refused with the correction path, the template, and the
// entries API that gives the ids /reverse takes.

let s: TestServices;
let app: Awaited<ReturnType<typeof serveApp>>;
let oem: { id: string; organization_id: string };
let oemToken: string;
let officialToken: string;
let otherOemId: string;

beforeAll(async () => {
  s = await testServices({ reconcile: false });
  await seedDemoIfEmpty(s.db);
  app = await serveApp({ db: s.db, search: s.search, ...defaultSettings() });
  oem = (await findUserByEmail(s.db, "oem-admin@demo.peitao.example"))!;
  oemToken = (await createApiToken(s.db, oem.organization_id, "SRM", oem.id)).token;
  const official = (await findUserByEmail(s.db, "official@demo.peitao.example"))!;
  officialToken = (await createApiToken(s.db, official.organization_id, "BI", official.id)).token;
  otherOemId = (
    await s.db
      .selectFrom("plants")
      .select("oem_id")
      .where("oem_id", "!=", oem.organization_id)
      .executeTakeFirstOrThrow()
  ).oem_id;
});
afterAll(() => app?.close());

const actor = () => ({ userId: oem.id, organizationId: oem.organization_id });
const run = (records: ProcurementRecord[], unknownLocality?: "reject" | "import") =>
  importProcurement({ db: s.db, ip: null }, actor(), {
    records: records.map((record, i) => ({ row: i + 2, record })),
    unknownLocality,
  });
const row = (documentNo: string, more: ProcurementRecord = {}): ProcurementRecord => ({
  documentNo,
  year: "2027",
  quarter: "1",
  plant: "OEM05",
  category: "A02",
  amount: "1000.00",
  supplierName: "某供应商",
  ...more,
});
const entry = (documentNo: string) =>
  s.db
    .selectFrom("ledger_entries")
    .selectAll()
    .where("document_no", "=", documentNo)
    .where("oem_id", "=", oem.organization_id)
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
const csvOf = (records: ProcurementRecord[]) =>
  [
    PROCUREMENT_COLUMNS.map((c) => c.zh).join(","),
    ...records.map((r) => PROCUREMENT_COLUMNS.map((c) => r[c.key] ?? "").join(",")),
  ].join("\r\n");
const api = (path: string, token = oemToken, init: RequestInit = {}) =>
  fetch(app.url + path, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });
const signIn = async () => {
  const c = new HttpClient(app.url);
  expect((await c.post("/login", { email: "oem-admin@demo.peitao.example", password: DEMO_PASSWORD })).status).toBe(
    302,
  );
  return c;
};

describe("provinces by any of their names", () => {
  it("full, short, English name or code: stored by the full name, located by county or coordinates", async () => {
    const result = await run([
      row("PROV-1", { province: "吉林", county: "220106" }),
      row("PROV-2", { province: "Liaoning", lat: "41.8", lng: "123.43" }),
      row("PROV-3", { province: "310000" }),
      row("PROV-4", { province: "shanghai municipality" }),
      row("PROV-5", { province: "内蒙古", lat: "40.84", lng: "111.75" }),
    ]);
    expect(result).toMatchObject({ inserted: 5, rejected: 0, unknownLocality: 0 });
    expect(await entry("PROV-1")).toMatchObject({
      supplier_province: "吉林省",
      supplier_in_jilin: true,
      inside_circle: true,
      supplier_city_adcode: 220100,
    });
    const shenyang = await entry("PROV-2");
    expect(shenyang).toMatchObject({ supplier_province: "辽宁省", supplier_in_jilin: false, inside_circle: false });
    expect(shenyang.distance_km).toBeGreaterThan(250);
    for (const no of ["PROV-3", "PROV-4"])
      expect(await entry(no)).toMatchObject({
        supplier_province: "上海市",
        supplier_in_jilin: false,
        inside_circle: false,
        distance_km: null,
        province_unknown: false,
        circle_unknown: false,
      });
    expect(await entry("PROV-5")).toMatchObject({ supplier_province: "内蒙古自治区" });
  });
});

describe("row errors", () => {
  it("a province that contradicts the county, or coordinates outside the province, names both", async () => {
    const result = await run([
      row("CONTRA-1", { province: "吉林省", county: "211224" }),
      row("CONTRA-2", { province: "上海", lat: "43.83", lng: "125.28" }),
      row("CONTRA-3", { county: "220106", lat: "31.23", lng: "121.47" }),
      row("CONTRA-4", { province: "火星" }),
    ]);
    expect(result).toMatchObject({ inserted: 0, rejected: 4 });
    expect(result.report).toEqual([
      { row: 2, reasons: [{ code: "province_county", value: "吉林省", county: "211224", countyProvince: "210000" }] },
      { row: 3, reasons: [{ code: "province_point", province: "310000", point: "43.83, 125.28" }] },
      { row: 4, reasons: [{ code: "province_point", province: "220000", point: "31.23, 121.47" }] },
      { row: 5, reasons: [{ code: "province", value: "火星" }] },
    ]);
    const res = await api("/api/v1/ledger/imports", oemToken, {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: csvOf([row("CONTRA-1", { province: "吉林", county: "211224" })]),
    });
    expect(((await res.json()) as { report: { reasons: string[] }[] }).report[0]!.reasons).toEqual([
      "省份“吉林”与区县代码 211224（辽宁省）不符 province “吉林” contradicts county 211224 (Liaoning)",
    ]);
  });

  it("a row whose locality cannot be told is a row error, never silently outside", async () => {
    const unregistered = "91220101MA00000039";
    const result = await run([
      row("UNK-1", { province: "吉林省" }), // in Jilin, but in the circle?
      row("UNK-2", { province: "辽宁" }), // Liaoning reaches within 100 km of Changchun
      row("UNK-3"), // nothing at all
      row("UNK-4", { lat: "43.3", lng: "124.2" }), // near the Jilin–Liaoning–Inner Mongolia border
      row("UNK-5", { supplierUscc: unregistered }), // a USCC nobody registered, and no place
    ]);
    expect(result).toMatchObject({ inserted: 0, rejected: 5 });
    expect(result.report.map((r) => r.reasons)).toEqual([
      [{ code: "distance_unknown", province: "220000", plant: "OEM05" }],
      [{ code: "distance_unknown", province: "210000", plant: "OEM05" }],
      [{ code: "place_needed" }],
      [{ code: "province_unknown", value: "43.3, 124.2" }],
      [{ code: "place_needed" }],
    ]);
    expect(
      await s.db.selectFrom("ledger_entries").select("id").where("document_no", "like", "UNK-%").execute(),
    ).toHaveLength(0);
  });

  it("re-importing a document number with other content names the fields and the correction path; the corrected document lands after a reversal", async () => {
    const original = row("DOC-1", { province: "吉林", county: "220106", amount: "5000" });
    expect(await run([original])).toMatchObject({ inserted: 1 });
    const first = await entry("DOC-1");

    // The same content, written differently: unchanged.
    const same = { ...original, province: "吉林省", amount: "5,000.00", category: "a02" };
    expect(await run([same])).toMatchObject({ inserted: 0, unchanged: 1, rejected: 0 });

    // Other content: a row error naming the fields, the entry and what to do.
    const corrected = { ...original, amount: "5200", supplierName: "更正后的供应商" };
    const refused = await run([corrected]);
    expect(refused).toMatchObject({ inserted: 0, unchanged: 0, rejected: 1 });
    expect(refused.report[0]!.reasons).toEqual([
      { code: "document_changed", value: "DOC-1", entry: String(first.id), fields: ["amount", "supplierName"] },
    ]);
    const res = await api("/api/v1/ledger/imports", oemToken, {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: csvOf([corrected]),
    });
    const text = ((await res.json()) as { report: { reasons: string[] }[] }).report[0]!.reasons[0]!;
    expect(text).toContain(`单据号 DOC-1 已导入（台账记录 #${first.id}），本行的金额（元）、供应商名称与之不同`);
    expect(text).toContain("reverse that entry, then import the corrected document");
    expect((await entry("DOC-1")).id).toBe(first.id);

    // The correction path: reverse, then import the corrected document.
    await reverseLedgerEntry({ db: s.db, ip: null }, { ...actor(), role: "oem_admin" }, { entryId: first.id });
    expect(await run([corrected])).toMatchObject({ inserted: 1, rejected: 0 });
    const second = await entry("DOC-1");
    expect(second).toMatchObject({ import_revision: 2, amount_fen: 520_000, outside_supplier_name: "更正后的供应商" });
    const sums = await s.db
      .selectFrom("ledger_entries")
      .select((eb) => eb.fn.sum<number>("amount_fen").as("fen"))
      .where((eb) => eb.or([eb("document_no", "=", "DOC-1"), eb("reverses_id", "=", first.id)]))
      .executeTakeFirstOrThrow();
    expect(Number(sums.fen)).toBe(520_000);
    // Now the corrected document is the one a re-import is compared with.
    expect(await run([corrected])).toMatchObject({ inserted: 0, unchanged: 1 });
    expect((await run([original])).report[0]!.reasons).toEqual([
      { code: "document_changed", value: "DOC-1", entry: String(second.id), fields: ["amount", "supplierName"] },
    ]);
  });

  it("a document number repeated in one file with other content names the first row", async () => {
    const result = await run([
      row("REP-1", { province: "上海" }),
      row("REP-2", { province: "上海" }),
      row("REP-1", { province: "上海" }),
      row("REP-1", { province: "上海", quarter: "2" }),
    ]);
    expect(result).toMatchObject({ inserted: 2, unchanged: 1, rejected: 1 });
    expect(result.report).toEqual([
      { row: 5, reasons: [{ code: "document_repeated", value: "REP-1", row: "2", fields: ["quarter"] }] },
    ]);
  });
});

describe("rows of unknown locality, imported on request", () => {
  const YEAR = "2031";
  const rows = [
    row("UK-1", { year: YEAR, province: "吉林", amount: "1000" }), // in Jilin; the circle unknown
    row("UK-2", { year: YEAR, amount: "500" }), // unknown on both bases
    row("UK-3", { year: YEAR, province: "上海", amount: "2000" }), // known: outside on both
  ];

  it("are counted in the total, never as local, and summed apart on each basis; audited", async () => {
    const result = await run(rows, "import");
    expect(result).toMatchObject({ inserted: 3, rejected: 0, unknownLocality: 2 });
    expect(await entry("UK-1")).toMatchObject({
      supplier_in_jilin: true,
      province_unknown: false,
      inside_circle: false,
      circle_unknown: true,
    });
    expect(await entry("UK-2")).toMatchObject({
      supplier_province: "未知",
      supplier_in_jilin: false,
      province_unknown: true,
      inside_circle: false,
      circle_unknown: true,
    });
    const [sums] = await ledgerSums(s.db, [], { oemId: oem.organization_id, years: [2031] });
    expect(sums).toMatchObject({
      total_fen: 350_000n,
      province_fen: 100_000n,
      circle_fen: 0n,
      province_unknown_fen: 50_000n,
      circle_unknown_fen: 150_000n,
    });
    const [audited] = await auditRows(s.db, "ledger_imported");
    expect(audited!.detail).toMatchObject({ inserted: 3, unknown_locality: 2 });
    // The database refuses an unknown locality counted as local.
    await expect(
      s.db
        .insertInto("ledger_entries")
        .values({
          ...(({ id: _i, posted_at: _p, import_content: _c, ...rest }) => rest)(await entry("UK-1")),
          document_no: "UK-BAD",
          circle_unknown: true,
          inside_circle: true,
        })
        .execute(),
    ).rejects.toThrow(/ledger_unknown_circle_not_local/);
  });

  it("reach the dashboard as a figure of their own, per basis, and the rates API", async () => {
    const c = await signIn();
    const figure = async (basis: string) => {
      const html = (await (await c.get(`/dashboard?year=${YEAR}&basis=${basis}`)).text()).replace(/<!-- -->/g, "");
      return html.match(/data-testid="kpi-unknown">(.*?)<\/div><\/div>/s)?.[1] ?? "";
    };
    const province = await figure("province");
    expect(province).toContain("所在地未知的采购");
    // 万元 on the page, the exact yuan as its tooltip.
    expect(province).toContain('title="500.00 元">0.05 万元<');
    expect(province).toContain("占总额 14.3%"); // 500 of 3,500
    expect(province).toContain("配套率为 42.9%"); // (1,000 + 500) / 3,500
    const circle = await figure("circle");
    expect(circle).toContain('title="1,500.00 元">0.15 万元<');
    expect(circle).toContain("配套率为 42.9%"); // (0 + 1,500) / 3,500
    const rates = (await (await api(`/api/v1/ledger/rates?year=${YEAR}&basis=circle`)).json()) as {
      years: { year: number; total_fen: string; local_fen: string; unknown_fen: string }[];
    };
    // Sums are exact decimal strings (they can pass 2^53).
    expect(rates.years.find((y) => y.year === 2031)).toMatchObject({
      total_fen: "350000",
      local_fen: "0",
      unknown_fen: "150000",
    });
  });

  it("the ledger page's upload takes the tick box and says how many rows were of unknown locality", async () => {
    const c = await signIn();
    const page = await (await c.get("/ledger")).text();
    expect(page).toContain('href="/ledger/template.csv"');
    expect(page).toContain('href="/ledger/template.xlsx"');
    expect(page).toContain('name="unknown_locality"');
    const upload = (docNo: string, tick: boolean) => {
      const form = new FormData();
      form.set("file", new File([csvOf([row(docNo, { year: "2032" })])], "p.csv", { type: "text/csv" }));
      if (tick) form.set("unknown_locality", "import");
      return fetch(`${app.url}/ledger`, { method: "POST", headers: { cookie: c.cookie, origin: app.url }, body: form });
    };
    const refused = (await (await upload("PAGE-UK-1", false)).text()).replace(/<!-- -->/g, "");
    expect(refused).toContain("无法确定供应商所在地");
    const imported = (await (await upload("PAGE-UK-1", true)).text()).replace(/<!-- -->/g, "");
    expect(imported).toContain("其中所在地未知 1 行");
    expect(await entry("PAGE-UK-1")).toMatchObject({ province_unknown: true, circle_unknown: true });
    const form = new FormData();
    form.set("file", new File([csvOf([row("PAGE-UK-2")])], "p.csv", { type: "text/csv" }));
    form.set("unknown_locality", "maybe");
    const bad = await fetch(`${app.url}/ledger`, {
      method: "POST",
      headers: { cookie: c.cookie, origin: app.url },
      body: form,
    });
    expect(bad.status).toBe(400);
  });

  it("the API takes ?unknown_locality=import, and refuses another value with a field error", async () => {
    const body = csvOf([row("API-UK-1", { year: "2032", province: "辽宁" })]);
    const post = (q: string) =>
      api(`/api/v1/ledger/imports${q}`, oemToken, { method: "POST", headers: { "content-type": "text/csv" }, body });
    expect(await (await post("")).json()).toMatchObject({ inserted: 0, rejected: 1, unknown_locality: 0 });
    expect(await (await post("?unknown_locality=import")).json()).toMatchObject({ inserted: 1, unknown_locality: 1 });
    const bad = await post("?unknown_locality=yes");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: "invalid_request",
      fields: { unknown_locality: expect.any(String) },
    });
  });
});

describe("the template", () => {
  let ownPlants: string[];
  beforeAll(async () => {
    ownPlants = (
      await s.db
        .selectFrom("plants")
        .select("code")
        .where("oem_id", "=", oem.organization_id)
        .where("retired_at", "is", null)
        .orderBy("code")
        .execute()
    ).map((p) => p.code);
  });

  it("the page names the OEM's plant codes, which the plant column takes (the UI shows them nowhere else)", async () => {
    const html = (await (await (await signIn()).get("/ledger")).text()).replace(/<!-- -->/g, "");
    const shown = html.match(/data-testid="own-plants">(.*?)<\/p>/s)?.[1] ?? "";
    expect(shown).toContain("贵司工厂代码");
    for (const code of ownPlants) expect(shown).toContain(`<code>${code}</code>`);
    expect(ownPlants.length).toBeGreaterThan(0);
  });

  it("CSV and XLSX parse back with every column and 0 rows; the example, uncommented, is a valid row", async () => {
    const c = await signIn();
    const csvRes = await c.get("/ledger/template.csv");
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get("content-disposition")).toContain("peitao-procurement-template.csv");
    const csvBytes = new Uint8Array(await csvRes.arrayBuffer());
    const xlsxRes = await c.get("/ledger/template.xlsx");
    expect(xlsxRes.status).toBe(200);
    const xlsxBytes = new Uint8Array(await xlsxRes.arrayBuffer());
    const fromCsv = csvToRecords(csvBytes, PROCUREMENT_COLUMNS).records;
    const fromXlsx = tableToRecords(await readXlsx(xlsxBytes), PROCUREMENT_COLUMNS);
    for (const records of [fromCsv, fromXlsx]) {
      // Help in two languages and the example: comments, every one of them.
      expect(records).toHaveLength(3);
      expect(records.every((r) => isCommentRecord(r.record))).toBe(true);
      const example = records[2]!.record;
      const parsed = parseProcurementRow({ ...example, documentNo: example.documentNo!.replace(/^#.*\s/, "") });
      expect(parsed.ok).toBe(true);
      expect(example.province).toBe("上海");
      // The example stands at one of the OEM's own plants, not another OEM's.
      expect(example.plant).toBe(ownPlants[0]);
    }
    expect(new TextDecoder().decode(csvBytes)).toContain("全称（吉林省）、简称（吉林）、英文（Jilin）或代码（220000）");
    for (const [bytes, type] of [
      [csvBytes, "text/csv"],
      [xlsxBytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ] as const) {
      const res = await api("/api/v1/ledger/imports", oemToken, {
        method: "POST",
        headers: { "content-type": type },
        body: bytes,
      });
      expect(await res.json()).toEqual({ inserted: 0, unchanged: 0, rejected: 0, unknown_locality: 0, report: [] });
    }
  });
});

describe("GET /api/v1/ledger/entries", () => {
  type Page = {
    total: number;
    page: number;
    per_page: number;
    entries: {
      id: number;
      oem_id: string;
      plant: string | null;
      source: string;
      document_no: string | null;
      year: number;
      quarter: number | null;
      reversed_by: number | null;
      locality_unknown: { province: boolean; circle: boolean };
    }[];
  };
  const list = async (q: string, token = oemToken) => {
    const res = await api(`/api/v1/ledger/entries${q}`, token);
    expect(res.status, q).toBe(200);
    return (await res.json()) as Page;
  };

  beforeAll(async () => {
    await run([
      row("LIST-1", { year: "2033", quarter: "1", province: "上海" }),
      row("LIST-2", { year: "2033", quarter: "2", province: "上海" }),
      row("LIST-3", { year: "2033", quarter: "2", province: "上海" }),
      row("LIST-4", { year: "2033", quarter: "2", plant: "OEM05", province: "上海" }),
    ]);
  });

  it("filters by year, quarter, source, document number and plant, newest first, with the ids /reverse takes", async () => {
    const year = await list("?year=2033");
    expect(year.total).toBe(4);
    expect(year.entries.map((e) => e.document_no)).toEqual(["LIST-4", "LIST-3", "LIST-2", "LIST-1"]);
    expect((await list("?year=2033&quarter=2")).total).toBe(3);
    expect((await list("?year=2033&plant=OEM05")).total).toBe(4);
    const one = await list("?document_no=LIST-2&source=import");
    expect(one.entries).toHaveLength(1);
    expect(one.entries[0]).toMatchObject({ document_no: "LIST-2", year: 2033, quarter: 2, plant: "OEM05" });
    // The id is the one /reverse takes; the reversal then shows on both.
    const id = one.entries[0]!.id;
    const reversed = await api(`/api/v1/ledger/entries/${id}/reverse`, oemToken, { method: "POST" });
    expect(reversed.status).toBe(201);
    const { reversal_id } = (await reversed.json()) as { reversal_id: number };
    expect((await list("?document_no=LIST-2")).entries[0]!.reversed_by).toBe(reversal_id);
    const reversals = await list("?source=reversal&year=2033");
    expect(reversals.entries.map((e) => e.id)).toEqual([reversal_id]);
    const unknown = await list("?document_no=UK-2");
    expect(unknown.entries[0]!.locality_unknown).toEqual({ province: true, circle: true });
  });

  it("pages", async () => {
    const first = await list("?year=2033&per_page=3");
    expect(first).toMatchObject({ total: 5, page: 1, per_page: 3 });
    expect(first.entries).toHaveLength(3);
    const second = await list("?year=2033&per_page=3&page=2");
    expect(second.entries).toHaveLength(2);
    expect(new Set([...first.entries, ...second.entries].map((e) => e.id)).size).toBe(5);
    expect((await list("?year=2033&per_page=3&page=3")).entries).toEqual([]);
  });

  it("an OEM sees its own entries only; officials every OEM's, or one", async () => {
    const own = await list("?per_page=200");
    expect(own.total).toBeGreaterThan(0);
    expect(new Set(own.entries.map((e) => e.oem_id))).toEqual(new Set([oem.organization_id]));
    // Asking for another OEM changes nothing for an OEM token.
    const asked = await list(`?oem=${otherOemId}&per_page=1`);
    expect(asked.total).toBe(own.total);
    expect(asked.entries[0]!.oem_id).toBe(oem.organization_id);
    // Another OEM's plant is not one of its plants.
    const otherPlant = (await s.db
      .selectFrom("plants")
      .select("code")
      .where("oem_id", "=", otherOemId)
      .executeTakeFirstOrThrow())!.code;
    const refused = await api(`/api/v1/ledger/entries?plant=${otherPlant}`);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ fields: { plant: "unknown_plant" } });

    const all = await list("?per_page=200", officialToken);
    expect(new Set(all.entries.map((e) => e.oem_id)).size).toBeGreaterThan(1);
    const other = await list(`?oem=${otherOemId}&per_page=200`, officialToken);
    expect(other.total).toBeGreaterThan(0);
    expect(new Set(other.entries.map((e) => e.oem_id))).toEqual(new Set([otherOemId]));
    const byPlant = await list(`?plant=${otherPlant}&per_page=200`, officialToken);
    expect(byPlant.total).toBeGreaterThan(0);
    expect(byPlant.total).toBeLessThan(all.total);
    expect(new Set(byPlant.entries.map((e) => e.plant))).toEqual(new Set([otherPlant]));

    const supplier = (await findUserByEmail(s.db, "supplier-admin@demo.peitao.example"))!;
    const supplierToken = (await createApiToken(s.db, supplier.organization_id, "ERP", supplier.id)).token;
    expect((await api("/api/v1/ledger/entries", supplierToken)).status).toBe(403);
    expect((await fetch(`${app.url}/api/v1/ledger/entries`)).status).toBe(401);
  });

  it.each([
    ["?quarter=5", "quarter"],
    ["?quarter=", "quarter"],
    ["?year=abc", "year"],
    ["?year=1999", "year"],
    ["?source=nope", "source"],
    ["?per_page=0", "per_page"],
    ["?per_page=201", "per_page"],
    ["?page=0", "page"],
    ["?plant=OEM%2005", "plant"],
    ["?document_no=", "document_no"],
    [`?document_no=${"x".repeat(101)}`, "document_no"],
    ["?oem=not-a-uuid", "oem"],
  ])("%s is a 400 naming %s", async (q, field) => {
    const res = await api(`/api/v1/ledger/entries${q}`, officialToken);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; fields: Record<string, string> };
    expect(body.error).toBe("invalid_request");
    expect(Object.keys(body.fields)).toEqual([field]);
  });
});

describe("the dashboard's amount still needed", () => {
  it("rounds up: what it names is enough to reach 40%", async () => {
    const result = await run([
      row("NEED-1", { year: "2035", province: "吉林", county: "220106", amount: "1000.00" }),
      row("NEED-2", { year: "2035", province: "上海", amount: "2500.01" }),
    ]);
    expect(result.inserted).toBe(2);
    const c = await signIn();
    const html = (await (await c.get("/dashboard?year=2035&basis=province")).text()).replace(/<!-- -->/g, "");
    // 40% of 3,500.01 is 1,400.004: 400.01 more must be local, 0.040001 万元: shown as 0.05 (not 0.04),
    // the exact yuan as its tooltip.
    expect(html).toContain('title="3,500.01 元">0.35 万元<');
    expect(html).toMatch(/达到40%尚需本地化: <span title="400.01 元">0.05 万元</);
  });
});
