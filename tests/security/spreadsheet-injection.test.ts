import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { updateOem } from "../../app/features/organizations/oems.server";
import { parseCsv } from "../../app/lib/import/csv";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";
import { findUserByEmail } from "../../db/users.server";
import { actorOf } from "../helpers/actors";
import { postTestDemand } from "../helpers/demands";
import { demoApp, type DemoApp } from "../helpers/demo";
import { HttpClient } from "../helpers/http";

// Issue 13, finding 4: a demand titled `=HYPERLINK("http://x","a")` reached the officials'
// /dashboard/export.csv?table=gaps as a formula. Every spreadsheet the product writes, CSV
// and XLSX, exports and templates, must hold such text as text: a cell that starts with
// = + - @, a tab or a carriage return gets a leading apostrophe (OWASP). Numbers stay numbers.

let s: DemoApp;
let official: HttpClient;
let oemAdmin: HttpClient;

const FORMULAS = ['=HYPERLINK("http://x","a")', "+1+cmd|' /C calc'!A0", "-2+3+cmd", "@SUM(1+1)*cmd"];
const OEM_NAME = "@SUM(9+9)*厂";
const TABLES = ["oems", "groups", "cities", "quarters", "gaps"];

const formulaLike = (text: string) => /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text);

async function signIn(email: string) {
  const c = new HttpClient(s.url);
  expect((await c.post("/login", { email, password: DEMO_PASSWORD })).status).toBe(302);
  return c;
}

async function csvCells(c: HttpClient, path: string) {
  const res = await c.get(path);
  expect(res.status, path).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/text\/csv/);
  return parseCsv((await res.text()).replace(/^\uFEFF/, "")).flat();
}

/** Every cell of every sheet: formulas as "formula:…", text as itself, numbers as numbers. */
async function xlsxCells(c: HttpClient, path: string) {
  const res = await c.get(path);
  expect(res.status, path).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  const cells: (string | number)[] = [];
  for (const sheet of workbook.worksheets)
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) cells.push(`formula:${cell.formula}`);
        else if (cell.type === ExcelJS.ValueType.Number) cells.push(cell.value as number);
        else cells.push(cell.text);
      }),
    );
  return cells;
}

function expectNoFormula(cells: (string | number)[], where: string) {
  const bad = cells.filter((c) => typeof c === "string" && (c.startsWith("formula:") || formulaLike(c)));
  expect(bad, where).toEqual([]);
}

beforeAll(async () => {
  s = await demoApp();
  const b = (await findUserByEmail(s.db, "buyer@demo.peitao.example"))!;
  const buyer = { userId: b.id, organizationId: b.organization_id };
  // NEV key parts: the demo's circles hold too few verified suppliers, so each is a gap.
  for (const part_name of FORMULAS) await postTestDemand(s.db, buyer, { part_name, category: "A01" });
  const oem = await s.db
    .selectFrom("organizations")
    .select(["code", "name_en"])
    .where("id", "=", buyer.organizationId)
    .executeTakeFirstOrThrow();
  await updateOem({ db: s.db, ip: null }, await actorOf(s.db, "admin@demo.peitao.example"), {
    oem: oem.code!,
    nameZh: OEM_NAME,
    nameEn: "=1+1 OEM",
  });
  official = await signIn("official@demo.peitao.example");
  oemAdmin = await signIn("oem-admin@demo.peitao.example");
});

describe("spreadsheets the product writes", () => {
  it("the gaps CSV holds the formula-like demand titles as text", async () => {
    const cells = await csvCells(official, "/dashboard/export.csv?table=gaps");
    for (const f of FORMULAS) expect(cells).toContain(`'${f}`);
    expectNoFormula(cells, "gaps.csv");
  });

  it("the gaps XLSX holds them as text too, with no formula cell", async () => {
    const cells = await xlsxCells(official, "/dashboard/export.xlsx?table=gaps");
    for (const f of FORMULAS) expect(cells).toContain(`'${f}`);
    expectNoFormula(cells, "gaps.xlsx");
  });

  it("every dashboard table, CSV and XLSX, for officials and for the OEM, has no cell a spreadsheet would run", async () => {
    for (const [who, c] of [
      ["official", official],
      ["oem", oemAdmin],
    ] as const) {
      const seen: (string | number)[] = [];
      for (const table of TABLES) {
        const csv = await csvCells(c, `/dashboard/export.csv?table=${table}`);
        const xlsx = await xlsxCells(c, `/dashboard/export.xlsx?table=${table}`);
        expectNoFormula(csv, `${who} ${table}.csv`);
        expectNoFormula(xlsx, `${who} ${table}.xlsx`);
        seen.push(...csv, ...xlsx);
      }
      // The renamed OEM is in them, neutralised (so the sweep above did look at user text).
      expect(seen, who).toContain(`'${OEM_NAME}`);
    }
  });

  it("the import templates (suppliers, procurement), CSV and XLSX, have no such cell either", async () => {
    expectNoFormula(await csvCells(official, "/imports/template.csv"), "imports/template.csv");
    expectNoFormula(await xlsxCells(official, "/imports/template.xlsx"), "imports/template.xlsx");
    expectNoFormula(await csvCells(oemAdmin, "/ledger/template.csv"), "ledger/template.csv");
    expectNoFormula(await xlsxCells(oemAdmin, "/ledger/template.xlsx"), "ledger/template.xlsx");
  });
});
