import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatExactYuan, formatInUnit, formatTotal } from "../../app/domain/money";
import { PROCUREMENT_COLUMNS, type ProcurementRecord } from "../../app/domain/procurement-import";
import { seedDemoIfEmpty } from "../../app/features/demo/seed-demo.server";
import { inviteMatch } from "../../app/features/matching/match-actions.server";
import { parseCsv } from "../../app/lib/import/csv";
import { createApiToken } from "../../db/api-tokens.server";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";
import { findUserByEmail } from "../../db/users.server";
import { defaultSettings, serveApp } from "../helpers/app";
import { postTestDemand } from "../helpers/demands";
import { HttpClient } from "../helpers/http";
import { testServices, type TestServices } from "../helpers/services";

// Issue 13, finding 2: ten imported rows of ¥9,999,999,999,999.99 pushed one OEM's sums past
// 2^53 fen, and /dashboard, its exports and /api/v1/ledger/rates answered 500 until the rows
// were reversed; a contract of 2^53 − 1 fen was accepted. Now one amount is at most ¥10^12
// (10^14 fen) and sums are exact at any size: here an OEM holds 100,000 entries at the
// maximum (10^19 fen, beyond even PostgreSQL's bigint), and every page, export and API
// answer shows the exact figure a BigInt computation gives.

const MAX_FEN = 10n ** 14n; // ¥1,000,000,000,000
const YEAR = 2041;
const BULK = 100_000;
const IMPORTED = 100; // half local (Changchun), half Shanghai

let s: TestServices;
let app: Awaited<ReturnType<typeof serveApp>>;
let oem: { id: string; organization_id: string };
let oemToken: string;
let official: HttpClient;

const api = (path: string, token: string, init: RequestInit = {}) =>
  fetch(app.url + path, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });
const csvOf = (records: ProcurementRecord[]) =>
  [
    PROCUREMENT_COLUMNS.map((c) => c.zh).join(","),
    ...records.map((r) => PROCUREMENT_COLUMNS.map((c) => r[c.key] ?? "").join(",")),
  ].join("\r\n");
const row = (documentNo: string, amount: string, local: boolean): ProcurementRecord => ({
  documentNo,
  year: String(YEAR),
  quarter: "2",
  plant: "OEM05",
  category: "A02",
  amount,
  supplierName: local ? "长春某零部件有限公司" : "上海某电池系统有限公司",
  ...(local ? { province: "吉林", county: "220106" } : { province: "上海" }),
});
/** Whole yuan with thousands separators, computed apart from the app's formatter. */
const yuanDecimal = (fen: bigint) => `${fen / 100n}.${(fen % 100n).toString().padStart(2, "0")}`;

/** What the ledger holds for the OEM in YEAR, summed entry by entry in BigInt (not from the rollup). */
async function expected() {
  const { rows } = await sql<{ amount: string; local: boolean }>`
    select amount_fen::text as amount, supplier_in_jilin as local from ledger_entries
    where oem_id = ${oem.organization_id} and period_year = ${YEAR}`.execute(s.db);
  let total = 0n;
  let local = 0n;
  for (const r of rows) {
    total += BigInt(r.amount);
    if (r.local) local += BigInt(r.amount);
  }
  // 40% of the total moved to local suppliers, rounded up to the fen.
  const toMin = local * 10n >= total * 4n ? 0n : (total * 4n - local * 10n + 9n) / 10n;
  return { total, local, toMin, entries: rows.length };
}

beforeAll(async () => {
  s = await testServices({ reconcile: false });
  await seedDemoIfEmpty(s.db);
  app = await serveApp({ db: s.db, search: s.search, ...defaultSettings() });
  oem = (await findUserByEmail(s.db, "oem-admin@demo.peitao.example"))!;
  oemToken = (await createApiToken(s.db, oem.organization_id, "SRM", oem.id)).token;
  official = new HttpClient(app.url);
  const res = await official.post("/login", { email: "official@demo.peitao.example", password: DEMO_PASSWORD });
  expect(res.status).toBe(302);
}, 180_000);
afterAll(() => app?.close());

describe("one amount has a maximum of ¥10^12", () => {
  it("an imported row above it is a row error; rows at it are imported", async () => {
    const records = Array.from({ length: IMPORTED }, (_, i) => row(`MAX-${i}`, "1000000000000.00", i % 2 === 0));
    records.push(row("OVER-1", "9999999999999.99", true)); // the finding's amount
    records.push(row("OVER-2", "1000000000000.01", false));
    const res = await api("/api/v1/ledger/imports", oemToken, {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: csvOf(records),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      inserted: number;
      rejected: number;
      report: { row: number; reasons: string[] }[];
    };
    expect(body).toMatchObject({ inserted: IMPORTED, rejected: 2 });
    expect(body.report.map((r) => r.row)).toEqual([IMPORTED + 2, IMPORTED + 3]);
    expect(body.report[0]!.reasons).toEqual([
      "金额超过单行上限 1,000,000,000,000 元：9999999999999.99 amount above the limit of CNY 1,000,000,000,000 per row: 9999999999999.99",
    ]);
    const over = await s.db
      .selectFrom("ledger_entries")
      .select("id")
      .where("document_no", "in", ["OVER-1", "OVER-2"])
      .execute();
    expect(over).toEqual([]);
  });

  it("a quote or a contract of 2^53 − 1 fen is refused with a field error, and nothing is posted", async () => {
    const supplier = (await findUserByEmail(s.db, "supplier-admin@demo.peitao.example"))!;
    const supplierToken = (await createApiToken(s.db, supplier.organization_id, "ERP", supplier.id)).token;
    const buyer = { userId: oem.id, organizationId: oem.organization_id };
    const demandId = await postTestDemand(s.db, buyer, {
      part_name: "金额上限测试件",
      category: "E02",
      radius_km: 500,
    });
    const { matchId } = await inviteMatch({ db: s.db, ip: null }, buyer, {
      demandId,
      supplierId: supplier.organization_id,
    });
    const post = (path: string, token: string, body: unknown) =>
      api(path, token, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const unsafe = Number.MAX_SAFE_INTEGER;

    const quote = await post(`/api/v1/matches/${matchId}/respond`, supplierToken, {
      action: "express_interest",
      quote_fen: unsafe,
    });
    expect(quote.status).toBe(400);
    expect(((await quote.json()) as { fields: Record<string, string> }).fields.quote_fen).toMatch(/at most/);
    const ok = await post(`/api/v1/matches/${matchId}/respond`, supplierToken, {
      action: "express_interest",
      quote_fen: Number(MAX_FEN),
    });
    expect(ok.status).toBe(200);

    const contract = await post(`/api/v1/matches/${matchId}/confirm`, oemToken, { amount_fen: unsafe, year: 2040 });
    expect(contract.status).toBe(400);
    expect(((await contract.json()) as { fields: Record<string, string> }).fields.amount_fen).toMatch(/at most/);
    const match = await s.db
      .selectFrom("matches")
      .select(["state", "contract_fen"])
      .where("id", "=", matchId)
      .executeTakeFirstOrThrow();
    expect(match).toEqual({ state: "interested", contract_fen: null });
    expect(await s.db.selectFrom("ledger_entries").select("id").where("match_id", "=", matchId).execute()).toEqual([]);

    // The page's form says so in the user's words.
    const page = new HttpClient(app.url);
    await page.post("/login", { email: "oem-admin@demo.peitao.example", password: DEMO_PASSWORD });
    // Posted from the award's confirmation view (its address names the supplier).
    const form = await page.post(`/demands/${demandId}?award=${supplier.organization_id}`, {
      intent: "confirm",
      supplierId: supplier.organization_id,
      amount: "90,071,992,547,409.91",
      year: "2040",
    });
    expect(form.status).toBe(400);
    expect(await form.text()).toContain("金额不能超过 1,000,000,000,000 元");
  });
});

describe("sums past 2^53 fen stay exact everywhere", () => {
  beforeAll(async () => {
    // 100,000 more entries at the maximum, as years of imports would leave them (two files
    // of 50,000 rows; written in one statement here to keep the test fast): 10^19 fen in one
    // rollup row, beyond PostgreSQL's bigint (9.2·10^18).
    const template = await s.db
      .selectFrom("ledger_entries")
      .selectAll()
      .where("document_no", "=", "MAX-0")
      .executeTakeFirstOrThrow();
    await sql`
      insert into ledger_entries (oem_id, plant_id, outside_supplier_name, supplier_province, supplier_city_adcode,
        supplier_in_jilin, distance_km, inside_circle, category_code, amount_fen, period_year, period_quarter,
        source, document_no, import_revision)
      select ${template.oem_id}, ${template.plant_id}, ${template.outside_supplier_name}, ${template.supplier_province},
        ${template.supplier_city_adcode}, ${template.supplier_in_jilin}, ${template.distance_km}, ${template.inside_circle},
        ${template.category_code}, ${MAX_FEN.toString()}::bigint, ${YEAR}, 3, 'import', 'BULK-' || g, 1
      from generate_series(1, ${BULK}) g`.execute(s.db);
  }, 180_000);

  it("the rates API answers 200 with the exact sums as decimal strings", async () => {
    const e = await expected();
    expect(e.entries).toBe(IMPORTED + BULK);
    expect(e.total).toBe(MAX_FEN * BigInt(IMPORTED + BULK));
    expect(e.total > 2n ** 63n).toBe(true);
    const res = await api(`/api/v1/ledger/rates?year=${YEAR}&basis=province`, oemToken);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      years: { year: number; total_fen: string; local_fen: string; rate: number }[];
      quarters: { quarter: number; total_fen: string }[];
      policy: { fen_to_min_rate: string; meets_min_rate: boolean };
    };
    const y = body.years.find((r) => r.year === YEAR)!;
    expect(y.total_fen).toBe(e.total.toString());
    expect(y.local_fen).toBe(e.local.toString());
    expect(y.rate).toBeCloseTo(Number((e.local * 10n ** 12n) / e.total) / 1e12, 10);
    expect(body.policy.fen_to_min_rate).toBe(e.toMin.toString());
    expect(body.policy.meets_min_rate).toBe(e.local * 10n >= e.total * 4n);
    expect(body.quarters.find((q) => q.quarter === 3)!.total_fen).toBe((MAX_FEN * BigInt(BULK)).toString());
  });

  it("the officials' dashboard and the OEM's own answer 200 with the exact figures", async () => {
    const e = await expected();
    const res = await official.get(`/dashboard?year=${YEAR}`);
    expect(res.status).toBe(200);
    const html = (await res.text()).replace(/<!-- -->/g, "");
    const oemRow = html.match(/data-testid="table-oems".*?<\/table>/s)![0];
    expect(oemRow).toContain(`data-value="${yuanDecimal(e.total)}"`);
    expect(oemRow).toContain(`data-value="${yuanDecimal(e.local)}"`);
    // 万元 on the page, the exact yuan in the tooltip.
    expect(oemRow).toContain(`title="${formatExactYuan(e.total, "zh")}">${formatInUnit(e.total, "wan")}<`);
    // The province's total (only this OEM bought in YEAR), in 亿元 with the exact yuan.
    expect(html).toContain(`title="${formatExactYuan(e.total, "zh")}">${formatTotal(e.total, "zh")}<`);

    const own = new HttpClient(app.url);
    await own.post("/login", { email: "oem-admin@demo.peitao.example", password: DEMO_PASSWORD });
    const mine = await own.get(`/dashboard?year=${YEAR}`);
    expect(mine.status).toBe(200);
    expect((await mine.text()).replace(/<!-- -->/g, "")).toContain(
      `title="${formatExactYuan(e.total, "zh")}">${formatTotal(e.total, "zh")}<`,
    );
    // The page's data request as well (client-side navigation).
    const data = await official.get(`/dashboard?year=${YEAR}&_data=routes%2Fdashboard._index`);
    expect(data.status).toBe(200);
    expect(((await data.json()) as { overview: { totalFen: string } }).overview.totalFen).toBe(e.total.toString());
  });

  it("the CSV and XLSX exports answer 200 with the exact figures", async () => {
    const e = await expected();
    const oemName = (
      await s.db
        .selectFrom("organizations")
        .select("name_zh")
        .where("id", "=", oem.organization_id)
        .executeTakeFirstOrThrow()
    ).name_zh;
    for (const table of ["oems", "groups", "cities", "quarters", "gaps"]) {
      const csv = await official.get(`/dashboard/export.csv?table=${table}&year=${YEAR}`);
      expect(csv.status, table).toBe(200);
      const xlsx = await official.get(`/dashboard/export.xlsx?table=${table}&year=${YEAR}`);
      expect(xlsx.status, table).toBe(200);
    }
    const csv = parseCsv(await (await official.get(`/dashboard/export.csv?table=oems&year=${YEAR}`)).text());
    const csvRow = csv.find((r) => r[0] === oemName)!;
    expect(csvRow.slice(1, 3)).toEqual([yuanDecimal(e.total), yuanDecimal(e.local)]);
    expect(csvRow[10]).toBe(yuanDecimal(e.toMin));

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      await (await official.get(`/dashboard/export.xlsx?table=oems&year=${YEAR}`)).arrayBuffer(),
    );
    const sheet = workbook.worksheets[1]!; // after the About sheet
    let found = false;
    sheet.eachRow((r) => {
      if (r.getCell(1).value !== oemName) return;
      found = true;
      // More digits than a spreadsheet number keeps: the exact figure as text, never a rounded number.
      expect(r.getCell(2).value).toBe(yuanDecimal(e.total));
      expect(r.getCell(3).value).toBe(yuanDecimal(e.local));
    });
    expect(found).toBe(true);
  });
});
