import ExcelJS from "exceljs";
import { spreadsheetCells } from "./csv";
import { EXAMPLE_MARK, ImportFileError } from "./records";

/** The first worksheet's cells as text rows. */
export async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError("importFile.notXlsx");
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ImportFileError("importFile.noSheet");
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values = (row.values as unknown[]).slice(1);
    rows.push(values.map(cellText));
  });
  return rows;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    const o = v as { text?: string; result?: unknown; richText?: { text: string }[] };
    if (o.richText) return o.richText.map((r) => r.text).join("");
    if (o.text !== undefined) return String(o.text);
    if (o.result !== undefined) return cellText(o.result);
    return "";
  }
  return String(v);
}

/**
 * The import template as an XLSX workbook: header row, one example row, a column guide.
 * With `commentExample`, the example row's first cell starts with `#`: an importer that
 * skips comment rows imports an unmodified template as nothing.
 */
export async function templateXlsx(
  columns: readonly { zh: string; en: string; required: boolean; example: string; help: string }[],
  opts: { commentExample?: boolean } = {},
) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("供应商 suppliers");
  sheet.addRow(spreadsheetCells(columns.map((c) => (c.required ? `${c.zh}*` : c.zh))));
  const example = sheet.addRow(
    spreadsheetCells(
      columns.map((c, i) => (opts.commentExample && i === 0 ? `${EXAMPLE_MARK}${c.example}` : c.example)),
    ),
  );
  if (opts.commentExample) example.font = { italic: true, color: { argb: "FF808080" } };
  sheet.getRow(1).font = { bold: true };
  const guide = workbook.addWorksheet("说明 columns");
  guide.addRow(["列 column", "English", "必填 required", "说明 notes"]);
  for (const c of columns) guide.addRow(spreadsheetCells([c.zh, c.en, c.required ? "是 yes" : "", c.help]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
