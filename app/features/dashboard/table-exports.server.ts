import ExcelJS from "exceljs";
import { chinaDateTime, chinaDay } from "../../domain/dates";
import { csvField, spreadsheetCells } from "../../lib/import/csv";
import { translate, type Lang } from "../../lib/i18n";
import type { Basis } from "../../domain/rates";
import type { Cell, Table } from "./tables";

/** What an export says about itself: its basis, year, filters and when it was made. */
export interface ExportMeta {
  lang: Lang;
  basis: Basis;
  year: number;
  /** The year's label ("2026（1–3季度）" for a partial year). */
  yearLabel: string;
  /** The drill-down's filters, named ("一汽-大众 › 长春工厂"), or none. */
  filters: string[];
  at: Date;
}

/** The lines an export starts with (CSV) or its first sheet holds (XLSX): label and value. */
export function metaLines(table: Table, meta: ExportMeta): [string, string][] {
  const t = (k: Parameters<typeof translate>[1], vars?: Record<string, string | number>) =>
    translate(meta.lang, k, vars);
  return [
    [t("dash.export.table"), table.title],
    [t("dash.export.basis"), t(meta.basis === "province" ? "dash.basis.province" : "dash.basis.circle")],
    [t("dash.export.year"), meta.yearLabel],
    [t("dash.export.filters"), meta.filters.length ? meta.filters.join(" › ") : t("dash.export.noFilter")],
    [t("dash.export.at"), t("dash.export.atValue", { time: chinaDateTime(meta.at) })],
    [t("dash.export.units"), t("dash.export.unitsValue")],
    [t("dash.export.source"), t("dash.export.sourceValue")],
  ];
}

/**
 * CSV that Excel opens correctly: UTF-8 with a BOM, CRLF line ends, numbers unformatted.
 * It starts with lines naming the table, basis, year, filters and time of export, then an
 * empty line, then the table (units in its headers). Money is written as its exact yuan
 * ("1234.56", at any size): a number, never text.
 */
export function tableCsv(table: Table, meta: ExportMeta): string {
  const lines = metaLines(table, meta).map((pair) => pair.map(csvField).join(","));
  lines.push("");
  lines.push(table.exportHeaders.map(csvField).join(","));
  const line = (row: Cell[]) => row.map((c) => (isMoneyText(c) ? c.value : csvField(c.value))).join(",");
  if (table.total) lines.push(line(table.total));
  for (const row of table.rows) lines.push(line(row));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

const isMoneyText = (c: Cell): c is Cell & { value: string } =>
  c.money === true && typeof c.value === "string" && /^-?\d+\.\d\d$/.test(c.value);

/** Significant digits a spreadsheet keeps in a number (Excel: 15). */
const SPREADSHEET_DIGITS = 15;

/**
 * A cell's value in the workbook: money as a number where the spreadsheet keeps every
 * digit of it, else as its exact decimal text (a sum past ¥10^13 has more digits than a
 * spreadsheet's number holds: exact text beats a rounded number).
 */
function xlsxValue(c: Cell): string | number | null {
  if (!isMoneyText(c)) return c.value;
  const digits = c.value.replace(/^-/, "").replace(".", "").replace(/^0+/, "");
  return digits.length <= SPREADSHEET_DIGITS ? Number(c.value) : c.value;
}

const sheetName = (s: string) => s.slice(0, 31).replace(/[\\/?*[\]:]/g, " ");

/**
 * The workbook: a first sheet stating table, basis, year, filters and time of export; then
 * the table, its numbers as number cells formatted per column (#,##0.00 for yuan, 0.0 for
 * percent), the units in the headers, the total first.
 */
export async function tableXlsx(table: Table, meta: ExportMeta): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = meta.at;
  const about = workbook.addWorksheet(sheetName(translate(meta.lang, "dash.export.about")));
  for (const [label, value] of metaLines(table, meta)) about.addRow(spreadsheetCells([label, value]));
  about.getColumn(1).font = { bold: true };
  about.getColumn(1).width = 14;
  about.getColumn(2).width = 60;

  const sheet = workbook.addWorksheet(sheetName(table.title));
  sheet.addRow(spreadsheetCells(table.exportHeaders));
  sheet.getRow(1).font = { bold: true };
  if (table.total) {
    sheet.addRow(spreadsheetCells(table.total.map(xlsxValue)));
    sheet.getRow(2).font = { bold: true };
  }
  for (const row of table.rows) sheet.addRow(spreadsheetCells(row.map(xlsxValue)));
  sheet.columns.forEach((col, i) => {
    col.width = i === 0 ? 36 : 20;
    const fmt = table.numFmts[i];
    if (fmt) col.numFmt = fmt;
  });
  sheet.views = [{ state: "frozen", xSplit: 1, ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The file's name: product, table, basis, year and day of export (China time), in the
 * page's language: 本地配套率_按主机厂_省内口径_2026_20261123.xlsx,
 * local-supply-rate_by-oem_province-basis_2026_20261123.xlsx.
 */
export function downloadName(
  table: Table,
  meta: Pick<ExportMeta, "lang" | "basis" | "year" | "at">,
  ext: "csv" | "xlsx",
) {
  const t = (k: Parameters<typeof translate>[1]) => translate(meta.lang, k);
  const day = chinaDay(meta.at).replace(/-/g, "");
  return (
    [
      t("dash.export.product"),
      t(`dash.export.name.${table.id}`),
      t(meta.basis === "province" ? "dash.export.basisName.province" : "dash.export.basisName.circle"),
      String(meta.year),
      day,
    ].join("_") + `.${ext}`
  );
}

/**
 * Content-Disposition for a download: an ASCII name for old clients and the real one as
 * RFC 5987 `filename*` (UTF-8, percent-encoded), which every current browser prefers.
 */
export function contentDisposition(name: string, asciiName: string): string {
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiName.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${encoded}`;
}
