import ExcelJS from "exceljs";
import { csvField, spreadsheetCells } from "../../lib/import/csv";
import type { Cell, Table } from "./tables";

/**
 * CSV that Excel opens correctly: UTF-8 with a BOM, CRLF line ends, numbers unformatted.
 * Money is written as its exact yuan ("1234.56", at any size): a number, never text.
 */
export function tableCsv(table: Table): string {
  const lines = [table.headers.map(csvField).join(",")];
  for (const row of table.rows) lines.push(row.map((c) => (isMoneyText(c) ? c.value : csvField(c.value))).join(","));
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

export async function tableXlsx(table: Table): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(table.title.slice(0, 31).replace(/[\\/?*[\]:]/g, " "));
  sheet.addRow(spreadsheetCells(table.headers));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(spreadsheetCells(row.map(xlsxValue)));
  sheet.columns.forEach((col, i) => {
    col.width = i === 0 ? 36 : 18;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function downloadName(table: Table, year: number, ext: "csv" | "xlsx") {
  return `peitao-${table.id}-${year}.${ext}`;
}
