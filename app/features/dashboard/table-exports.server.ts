import ExcelJS from "exceljs";
import { csvField, spreadsheetCells } from "../../lib/import/csv";
import type { Table } from "./tables";

/** CSV that Excel opens correctly: UTF-8 with a BOM, CRLF line ends, numbers unformatted. */
export function tableCsv(table: Table): string {
  const lines = [table.headers.map(csvField).join(",")];
  for (const row of table.rows) lines.push(row.map((c) => csvField(c.value)).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export async function tableXlsx(table: Table): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(table.title.slice(0, 31).replace(/[\\/?*[\]:]/g, " "));
  sheet.addRow(spreadsheetCells(table.headers));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(spreadsheetCells(row.map((c) => c.value)));
  sheet.columns.forEach((col, i) => {
    col.width = i === 0 ? 36 : 18;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function downloadName(table: Table, year: number, ext: "csv" | "xlsx") {
  return `peitao-${table.id}-${year}.${ext}`;
}
