import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { spreadsheetCells } from "./csv";
import { EXAMPLE_MARK, ImportFileError } from "./records";
import { openEntry, zipEntries } from "./zip.server";

/** How far one part of a workbook may inflate (a 10 MB upload of real data stays far below). */
const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;

/** The parts of exceljs's streaming WorkbookReader driven here, one archive entry at a time. */
interface ReaderParts {
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { rId: string }[] };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(entry: Readable, sheetNo: string): Generator<{ value: AsyncIterable<ExcelJS.Row> }>;
}

/**
 * The first worksheet's rows as text, read as a stream: the workbook's relations, shared
 * strings and styles first, then the sheet, inflated and parsed only as far as rows are
 * asked for, so a reader that stops (the row limit) leaves the rest of the sheet unread.
 * Rows missing from the file (empty ones) come as empty rows: row numbers stay the file's.
 */
export async function* xlsxRows(bytes: Uint8Array): AsyncGenerator<string[]> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = zipEntries(buffer);
  const open = (name: string) => {
    const entry = entries.get(name);
    return entry ? openEntry(buffer, entry, MAX_UNPACKED_BYTES) : undefined;
  };
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(undefined as unknown as string, {
    worksheets: "emit",
    sharedStrings: "cache",
    // Styles tell dates from numbers; hyperlinks are not needed.
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  }) as unknown as ReaderParts;
  let sheet: AsyncIterable<ExcelJS.Row>;
  try {
    const rels = open("xl/_rels/workbook.xml.rels");
    const workbook = open("xl/workbook.xml");
    if (!rels || !workbook) throw new ImportFileError("importFile.notXlsx");
    await reader._parseRels(rels);
    await reader._parseWorkbook(workbook);
    const strings = open("xl/sharedStrings.xml");
    if (strings) for await (const _ of reader._parseSharedStrings(strings)) void _;
    const styles = open("xl/styles.xml");
    if (styles) await reader._parseStyles(styles);
    const first = reader.model?.sheets?.[0];
    const target = reader.workbookRels?.find((r) => r.Id === first?.rId)?.Target;
    if (!first || !target) throw new ImportFileError("importFile.noSheet");
    const path = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
    const content = open(path);
    if (!content) throw new ImportFileError("importFile.noSheet");
    const sheetNo = /sheet(\d+)\.xml$/.exec(path)?.[1] ?? "1";
    sheet = [...reader._parseWorksheet(content, sheetNo)][0]!.value;
  } catch (err) {
    throw err instanceof ImportFileError ? err : new ImportFileError("importFile.notXlsx");
  }
  let next = 1;
  const rows = sheet[Symbol.asyncIterator]();
  for (;;) {
    let step: IteratorResult<ExcelJS.Row>;
    try {
      step = await rows.next();
    } catch (err) {
      throw err instanceof ImportFileError ? err : new ImportFileError("importFile.notXlsx");
    }
    if (step.done) return;
    const row = step.value;
    for (; next < row.number; next++) yield [];
    next = row.number + 1;
    yield (row.values as unknown[]).slice(1).map(cellText);
  }
}

/** The first worksheet's cells as text rows. */
export async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const row of xlsxRows(bytes)) rows.push(row);
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
