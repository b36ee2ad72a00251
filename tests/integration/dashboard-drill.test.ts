import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { drillData } from "../../app/features/dashboard/drill.server";
import { drillTables, type Table } from "../../app/features/dashboard/tables";
import {
  contentDisposition,
  downloadName,
  tableCsv,
  tableXlsx,
  type ExportMeta,
} from "../../app/features/dashboard/table-exports.server";
import { ledgerYears } from "../../db/dashboard.server";
import { testServices, type TestServices } from "../helpers/services";

// A small ledger whose figures are worked out by hand below (amounts in yuan):
//
//   2026 (Q1–Q2 only: a partial year)
//     OEM A, plant A1, category X  Q1  1,000,000  supplier 甲, in Jilin, inside the circle
//     OEM A, plant A1, category X  Q2    500,000  supplier 乙, outside Jilin and the circle
//     OEM A, plant A2, category Y  Q1  2,000,000  supplier 甲, in Jilin, inside the circle
//     OEM B, plant B1, category X  Q2  1,500,000  supplier 丙, in Jilin, outside the circle
//   2025 (whole)
//     OEM A, plant A1, category X  Q1  1,000,000  in Jilin, inside      (same quarters as 2026: counted)
//     OEM A, plant A1, category X  Q4  3,000,000  outside               (Q4: not in the comparison)
//     OEM B, plant B1, category X  Q2  1,000,000  outside               (counted)
//     OEM B, plant B1, category X  Q3  2,000,000  in Jilin, inside      (Q3: not in the comparison)
//
// Province basis 2026: total 5,000,000, local 4,500,000 → 90.0%; 2025 Q1–Q2: 2,000,000 and
// 1,000,000 → 50.0% (the whole of 2025 would be 3,000,000 / 7,000,000 = 42.9%): +40.0 pp.
// Circle basis 2026: local 3,000,000 → 60.0%.
let s: TestServices;
let A: { id: string; p1: { id: string; code: string }; p2: { id: string; code: string } };
let B: { id: string; p1: { id: string; code: string } };
let X: string;
let Y: string;

const yuan = (n: number) => n * 100;

beforeAll(async () => {
  s = await testServices({ reconcile: false });
  const plants = await s.db.selectFrom("plants").select(["id", "code", "oem_id"]).orderBy("code").execute();
  const byOem = new Map<string, typeof plants>();
  for (const p of plants) byOem.set(p.oem_id, [...(byOem.get(p.oem_id) ?? []), p]);
  const twoPlantOems = [...byOem.entries()].filter(([, ps]) => ps.length >= 2);
  const [aId, aPlants] = twoPlantOems[0]!;
  const [bId, bPlants] = twoPlantOems[1]!;
  A = { id: aId, p1: aPlants[0]!, p2: aPlants[1]! };
  B = { id: bId, p1: bPlants[0]! };
  const cats = await s.db
    .selectFrom("part_categories")
    .select("code")
    .where("level", "=", 2)
    .where("nev_key", "=", false)
    .orderBy("code")
    .limit(2)
    .execute();
  [X, Y] = [cats[0]!.code, cats[1]!.code];
  let n = 0;
  const entry = (
    oem: string,
    plant: string,
    category: string,
    year: number,
    quarter: number,
    amount: number,
    supplier: string,
    inJilin: boolean,
    inside: boolean,
  ) => ({
    oem_id: oem,
    plant_id: plant,
    outside_supplier_name: supplier,
    supplier_province: inJilin ? "吉林省" : "辽宁省",
    supplier_in_jilin: inJilin,
    inside_circle: inside,
    category_code: category,
    amount_fen: yuan(amount),
    period_year: year,
    period_quarter: quarter,
    source: "import" as const,
    document_no: `T-${++n}`,
  });
  await s.db
    .insertInto("ledger_entries")
    .values([
      entry(A.id, A.p1.id, X, 2026, 1, 1_000_000, "甲", true, true),
      entry(A.id, A.p1.id, X, 2026, 2, 500_000, "乙", false, false),
      entry(A.id, A.p2.id, Y, 2026, 1, 2_000_000, "甲", true, true),
      entry(B.id, B.p1.id, X, 2026, 2, 1_500_000, "丙", true, false),
      entry(A.id, A.p1.id, X, 2025, 1, 1_000_000, "甲", true, true),
      entry(A.id, A.p1.id, X, 2025, 4, 3_000_000, "乙", false, false),
      entry(B.id, B.p1.id, X, 2025, 2, 1_000_000, "丙", false, false),
      entry(B.id, B.p1.id, X, 2025, 3, 2_000_000, "丙", true, true),
    ])
    .execute();
});

const cells = (t: Table, row: number) => (row < 0 ? t.total! : t.rows[row]!).map((c) => c.value);
const only = (d: Awaited<ReturnType<typeof drillData>>, lang: "zh" | "en" = "zh") =>
  drillTables(d, lang, { view: "oem", scoped: false });

describe("the dashboard's drill-down against a hand-computed ledger", () => {
  it("offers the ledger's years and marks 2026 as reaching Q2 only", async () => {
    expect(await ledgerYears(s.db)).toEqual([
      { year: 2026, lastQuarter: 2, wholeYear: false },
      { year: 2025, lastQuarter: 4, wholeYear: false },
    ]);
  });

  it("per OEM: the 全省合计 row and each OEM, 2026 Q1–Q2 against 2025 Q1–Q2", async () => {
    const d = await drillData(s.db, { view: "oem", year: 2026, basis: "province" });
    expect(d.level).toBe("oem");
    expect(d.coverage).toEqual({ partial: true, throughQuarter: 2 });
    const [t] = only(d);
    expect(t!.id).toBe("oems");
    // total, local, rate, previous (same quarters), change, ≥40%, +3pp, NEV, ≥70%, to 40%, to +3pp, to NEV 70%
    expect(cells(t!, -1)).toEqual([
      "全省合计",
      "5000000.00",
      "4500000.00",
      90,
      50,
      40,
      "是",
      "是",
      null,
      "否",
      "0.00",
      "0.00",
      "0.00",
    ]);
    expect(t!.total![1]).toMatchObject({ display: "500.00", title: "5,000,000.00 元" });
    // Sorted by rate: B (100%) before A (85.7%).
    expect(t!.rows.map((r) => r[0]!.href)).toEqual([
      `/dashboard?year=2026&basis=province&oem=${B.id}`,
      `/dashboard?year=2026&basis=province&oem=${A.id}`,
    ]);
    // B: 1,500,000 all local; 2025 Q1–Q2 1,000,000 none local → 0%.
    expect(cells(t!, 0).slice(1, 6)).toEqual(["1500000.00", "1500000.00", 100, 0, 100]);
    // A: 3,500,000, 3,000,000 local → 85.7%; 2025 Q1–Q2 100% → −14.3 pp; rising 3 pp needs all of
    // the 500,000 outside moved (capped at 100%).
    expect(cells(t!, 1)).toEqual([
      expect.any(String),
      "3500000.00",
      "3000000.00",
      85.7,
      100,
      -14.3,
      "是",
      "否",
      null,
      "否",
      "0.00",
      "500000.00",
      "0.00",
    ]);
    expect(t!.headers[4]).toBe("上年同期·省内口径（%）");
  });

  it("a full year compares with the whole year before", async () => {
    const d = await drillData(s.db, { view: "oem", year: 2025, basis: "province" });
    expect(d.coverage.partial).toBe(false);
    // 2025: 7,000,000 total, 3,000,000 local → 42.9%; no 2024 → no previous rate.
    expect(cells(only(d)[0]!, -1).slice(1, 5)).toEqual(["7000000.00", "3000000.00", 42.9, null]);
  });

  it("on the circle basis: B's supplier is in Jilin but outside the circle", async () => {
    const d = await drillData(s.db, { view: "oem", year: 2026, basis: "circle" });
    const [t] = only(d);
    expect(cells(t!, -1).slice(1, 4)).toEqual(["5000000.00", "3000000.00", 60]);
    expect(t!.headers[2]).toBe("本地采购额·百公里圈口径（万元）");
  });

  it("OEM → plant → category → suppliers and entries", async () => {
    const plants = await drillData(s.db, { view: "oem", oem: A.id, year: 2026, basis: "province" });
    expect(plants.level).toBe("plant");
    const [pt] = only(plants);
    expect(pt!.id).toBe("plants");
    expect(cells(pt!, -1).slice(0, 4)).toEqual(["合计", "3500000.00", "3000000.00", 85.7]);
    // A2: 2,000,000 all local, no 2025; A1: 1,500,000, 1,000,000 local → 66.7%, 2025 Q1 100%.
    expect(pt!.rows.map((r) => r.slice(1, 6).map((c) => c.value))).toEqual([
      ["2000000.00", "2000000.00", 100, null, null],
      ["1500000.00", "1000000.00", 66.7, 100, -33.3],
    ]);
    expect(pt!.rows[1]![0]!.href).toBe(`/dashboard?year=2026&basis=province&oem=${A.id}&plant=${A.p1.code}`);

    const cats = await drillData(s.db, { view: "oem", oem: A.id, plant: A.p1.code, year: 2026, basis: "province" });
    expect(cats.level).toBe("category");
    const [ct] = only(cats);
    expect(ct!.rows.map((r) => r[0]!.value)).toEqual([expect.stringMatching(new RegExp(`^${X} `))]);
    expect(ct!.rows[0]![0]!.href).toBe(
      `/dashboard?year=2026&basis=province&oem=${A.id}&plant=${A.p1.code}&category=${X}`,
    );

    const sup = await drillData(s.db, {
      view: "oem",
      oem: A.id,
      plant: A.p1.code,
      category: X,
      year: 2026,
      basis: "province",
    });
    expect(sup.level).toBe("supplier");
    const [st, et] = only(sup);
    // supplier, entries, total, local, local share, share of the scope
    expect(cells(st!, -1)).toEqual(["合计", 2, "1500000.00", "1000000.00", 66.7, 100]);
    expect(st!.rows.map((r) => r.map((c) => c.value))).toEqual([
      ["甲", 1, "1000000.00", "1000000.00", 100, 66.7],
      ["乙", 1, "500000.00", "0.00", 0, 33.3],
    ]);
    expect(et!.id).toBe("entries");
    expect(et!.rows.map((r) => [r[1]!.value, r[4]!.value, r[5]!.value, r[6]!.value])).toEqual([
      ["Q2", "乙", "500000.00", "否"],
      ["Q1", "甲", "1000000.00", "是"],
    ]);
    expect(et!.note).toBe("显示最近 2 条，共 2 条");
  });

  it("per category across the province, and a category's suppliers over every OEM", async () => {
    const d = await drillData(s.db, { view: "category", year: 2026, basis: "province" });
    expect(d.level).toBe("category");
    const [t] = drillTables(d, "zh", { view: "category", scoped: false });
    // X: 1,000,000 + 500,000 + 1,500,000 = 3,000,000, local 2,500,000 → 83.3%; Y: 2,000,000 all local.
    expect(t!.rows.map((r) => r.slice(1, 4).map((c) => c.value))).toEqual([
      ["2000000.00", "2000000.00", 100],
      ["3000000.00", "2500000.00", 83.3],
    ]);
    expect(cells(t!, -1)[0]).toBe("全省合计");
    const x = await drillData(s.db, { view: "category", category: X, year: 2026, basis: "province" });
    expect(x.rows.map((r) => r.nameZh)).toEqual(["丙", "甲", "乙"]);
  });

  it("an OEM user sees its own OEM only, whatever the query names", async () => {
    const d = await drillData(s.db, { view: "oem", oem: B.id, year: 2026, basis: "province", scopeOemId: A.id });
    expect(d.at.oem?.id).toBe(A.id);
    expect(d.total.current.totalFen).toBe(350_000_000n);
  });

  it("names an unknown OEM, plant or category instead of failing", async () => {
    const d = await drillData(s.db, {
      view: "oem",
      oem: "not-a-uuid",
      plant: "NOPE",
      category: "ZZ9",
      year: 2026,
      basis: "province",
    });
    expect(d.unknown).toEqual(["oem", "plant", "category"]);
    expect(d.level).toBe("oem");
  });
});

describe("exports of the drill-down", () => {
  const at = new Date("2026-11-23T05:18:00Z");
  const meta = (basis: "province" | "circle", lang: "zh" | "en" = "zh"): ExportMeta => ({
    lang,
    basis,
    year: 2026,
    yearLabel: "2026（1–2季度）",
    filters: [],
    at,
  });

  it("name the table, basis, year and day, in the page's language", async () => {
    const province = only(await drillData(s.db, { view: "oem", year: 2026, basis: "province" }))[0]!;
    const circle = only(await drillData(s.db, { view: "oem", year: 2026, basis: "circle" }))[0]!;
    expect(downloadName(province, meta("province"), "xlsx")).toBe("本地配套率_按主机厂_省内口径_2026_20261123.xlsx");
    expect(downloadName(circle, meta("circle"), "csv")).toBe("本地配套率_按主机厂_百公里圈口径_2026_20261123.csv");
    expect(downloadName(province, meta("province", "en"), "xlsx")).toBe(
      "local-supply-rate_by-oem_province-basis_2026_20261123.xlsx",
    );
    expect(contentDisposition("本地配套率_按主机厂_省内口径_2026_20261123.xlsx", "a.xlsx")).toBe(
      "attachment; filename=\"a.xlsx\"; filename*=UTF-8''%E6%9C%AC%E5%9C%B0%E9%85%8D%E5%A5%97%E7%8E%87_%E6%8C%89%E4%B8%BB%E6%9C%BA%E5%8E%82_%E7%9C%81%E5%86%85%E5%8F%A3%E5%BE%84_2026_20261123.xlsx",
    );
    // The two bases' headers differ, and say their units.
    expect(province.exportHeaders[2]).toBe("本地采购额·省内口径（元）");
    expect(circle.exportHeaders[2]).toBe("本地采购额·百公里圈口径（元）");
  });

  it("CSV starts with what it is; XLSX has an About sheet and number cells with formats", async () => {
    const t = only(await drillData(s.db, { view: "oem", year: 2026, basis: "province" }))[0]!;
    const csv = tableCsv(t, meta("province"));
    const lines = csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines.slice(0, 5)).toEqual([
      "表格,各整车企业本地配套率",
      "口径,省内（供应商在吉林省）",
      "年份,2026（1–2季度）",
      "筛选,全省（无筛选）",
      "导出时间,2026-11-23 13:18（北京时间 UTC+8）",
    ]);
    expect(lines).toContain("全省合计,5000000.00,4500000.00,90,50,40,是,是,,否,0.00,0.00,0.00");

    const wb = new ExcelJS.Workbook();
    const buf = await tableXlsx(t, meta("province"));
    await wb.xlsx.load(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
    const [about, sheet] = wb.worksheets;
    expect(about!.getRow(2).values).toEqual([undefined, "口径", "省内（供应商在吉林省）"]);
    expect(sheet!.getRow(1).getCell(2).value).toBe("采购总额（元）");
    const total = sheet!.getRow(2);
    expect(total.getCell(2).value).toBe(5_000_000);
    expect(total.getCell(2).numFmt).toBe("#,##0.00");
    expect(total.getCell(4).value).toBe(90);
    expect(total.getCell(4).numFmt).toBe("0.0");
  });
});
