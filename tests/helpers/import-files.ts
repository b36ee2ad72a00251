import ExcelJS from "exceljs";
import { PROCUREMENT_COLUMNS } from "../../app/domain/procurement-import";

// Large procurement files for the import limits (tests/security): rows of an OEM05 plant,
// each its own document number (`prefix` keeps files of one test apart).

export const procurementHeader = PROCUREMENT_COLUMNS.map((c) => c.zh);

export const procurementRow = (i: number, prefix = "D") => [
  `${prefix}${i}`,
  "2027",
  "1",
  "OEM05",
  "A02",
  "1000.00",
  "",
  `供应商${i}`,
  "吉林省",
  "220106",
];

export async function bigXlsx(rows: number, prefix = "D"): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("procurement");
  sheet.addRow(procurementHeader);
  for (let i = 1; i <= rows; i++) sheet.addRow(procurementRow(i, prefix));
  workbook.addWorksheet("notes").addRow(["a second sheet that is never read"]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const bigCsv = (rows: number, prefix = "D") =>
  new TextEncoder().encode(
    [procurementHeader, ...Array.from({ length: rows }, (_, i) => procurementRow(i + 1, prefix))]
      .map((r) => r.join(","))
      .join("\n"),
  );
