import { isUtf8 } from "node:buffer";
import type { MessageKey } from "../i18n";
import { CsvReader, parseCsv } from "./csv";

// Reading an uploaded table (CSV in UTF-8 or GBK, or XLSX cells) into records keyed by
// column: the one place both imports (suppliers, procurement) read their files.

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 50_000;

/** A file that cannot be imported at all; `key` is its message in the catalogue. */
export class ImportFileError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly vars: Record<string, string | number> = {},
  ) {
    super(`${key} ${JSON.stringify(vars)}`);
    this.name = "ImportFileError";
  }
}

/** Decoded text that holds this many control or private-use characters is not text. */
const SUSPICIOUS = /[\u0000-\u0008\u000e-\u001f\ue000-\uf8ff\ufffd]/g;
const isSuspicious = (text: string) => (text.match(SUSPICIOUS)?.length ?? 0) > text.length / 100;

/** UTF-8 (with or without BOM) or, failing that, GB18030 (a superset of GBK and GB2312). */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: "utf-8" | "gb18030" } {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    /* not UTF-8 */
  }
  try {
    const text = new TextDecoder("gb18030", { fatal: true }).decode(bytes);
    // A binary or other-encoded file decodes to control characters and private-use code points.
    if (isSuspicious(text)) throw new Error("suspicious");
    return { text, encoding: "gb18030" };
  } catch {
    throw new ImportFileError("importFile.encoding");
  }
}

export interface ColumnDef<K extends string = string> {
  key: K;
  zh: string;
  en: string;
  required: boolean;
  /** Columns sharing an `anyOf` name: the file needs at least one of them (prefecture or county). */
  anyOf?: string;
}

/** Header cells to column keys; throws naming the required columns that are missing. */
export function mapHeader<K extends string>(header: string[], columns: readonly ColumnDef<K>[]): (K | null)[] {
  const lookup = new Map<string, K>(
    columns.flatMap(
      (c) =>
        [
          [c.zh, c.key],
          [c.en, c.key],
          [c.key.toLowerCase(), c.key],
        ] as [string, K][],
    ),
  );
  const keys = header.map((h) => {
    const cell = h.trim().replace(/\*$/, "").trim();
    return lookup.get(cell) ?? lookup.get(cell.toLowerCase()) ?? null;
  });
  const named = (c: ColumnDef<K>) => `${c.zh} (${c.en})`;
  const missing = columns.filter((c) => c.required && !keys.includes(c.key)).map(named);
  const groups = new Set(columns.flatMap((c) => (c.anyOf ? [c.anyOf] : [])));
  for (const group of groups) {
    const members = columns.filter((c) => c.anyOf === group);
    if (!members.some((c) => keys.includes(c.key))) missing.push(members.map(named).join(" / "));
  }
  if (missing.length) {
    throw new ImportFileError("importFile.missingColumns", { columns: missing.join(", ") });
  }
  return keys;
}

/** How a template's example row begins: a comment mark (see isCommentRow). */
export const EXAMPLE_MARK = "#示例 example: ";

/** A comment row: its first cell starts with `#` (the templates' example rows are such). */
export const isCommentRow = (cells: string[]) => (cells[0] ?? "").trimStart().startsWith("#");

export interface TableOptions {
  /** Skip comment rows (first cell starting with `#`), before the header as after it. */
  comments?: boolean;
  /** Rows after the header a file may have (default MAX_IMPORT_ROWS). */
  maxRows?: number;
}

type Numbered<K extends string> = { row: number; record: Partial<Record<K, string>> };

/**
 * Rows become records one at a time: the first row that is not a comment is the header;
 * the row limit is applied as rows arrive, so a file over it is refused after reading at
 * most `maxRows + 1` rows past the header, whatever its size.
 */
class RecordBuilder<K extends string> {
  private keys: (K | null)[] | null = null;
  private headerAt = -1;
  private seen = 0;
  private rows = 0;
  readonly records: Numbered<K>[] = [];

  constructor(
    private readonly columns: readonly ColumnDef<K>[],
    private readonly opts: TableOptions,
  ) {}

  private skip(cells: string[]) {
    return this.opts.comments === true && isCommentRow(cells);
  }

  add(cells: string[]) {
    const index = this.seen++;
    if (!this.keys) {
      if (this.skip(cells)) return;
      this.keys = mapHeader(cells, this.columns);
      this.headerAt = index;
      return;
    }
    if (++this.rows > (this.opts.maxRows ?? MAX_IMPORT_ROWS))
      throw new ImportFileError("importFile.tooManyRows", { max: this.opts.maxRows ?? MAX_IMPORT_ROWS });
    if (this.skip(cells)) return;
    const record: Partial<Record<K, string>> = {};
    this.keys.forEach((k, j) => {
      if (k) record[k] = (cells[j] ?? "").trim();
    });
    if (Object.values(record).some((v) => v)) this.records.push({ row: this.headerAt + this.rows + 1, record });
  }

  finish(): Numbered<K>[] {
    if (!this.keys) throw new ImportFileError("importFile.empty");
    return this.records;
  }
}

/** Rows of a table (CSV or XLSX cells as text) as records; row numbers are the file's (header row 1). */
export function tableToRecords<K extends string>(
  table: string[][],
  columns: readonly ColumnDef<K>[],
  opts: TableOptions = {},
): Numbered<K>[] {
  const builder = new RecordBuilder(columns, opts);
  for (const cells of table) builder.add(cells);
  return builder.finish();
}

/** Rows read between two turns of the event loop: other requests (and /healthz) are served meanwhile. */
const ROWS_PER_TURN = 500;

/**
 * Records from rows as they are read (a stream of CSV or XLSX rows): the row limit is
 * applied while reading, and reading stops there; every few hundred rows the event loop
 * gets a turn.
 */
export async function streamToRecords<K extends string>(
  rows: Iterable<string[]> | AsyncIterable<string[]>,
  columns: readonly ColumnDef<K>[],
  opts: TableOptions = {},
): Promise<Numbered<K>[]> {
  const builder = new RecordBuilder(columns, opts);
  let n = 0;
  for await (const cells of rows) {
    builder.add(cells);
    if (++n % ROWS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return builder.finish();
}

/** Bytes decoded per step of a CSV read. */
const CSV_PIECE = 64 * 1024;

/**
 * The rows of a CSV file (UTF-8, or else GB18030), decoded and parsed piece by piece as
 * they are asked for: nothing past the row that ends the reading is decoded.
 */
export function* csvRows(bytes: Uint8Array): Generator<string[]> {
  const encoding = isUtf8(bytes) ? "utf-8" : "gb18030";
  const decoder = new TextDecoder(encoding, { fatal: true });
  const reader = new CsvReader();
  const decode = (piece?: Uint8Array) => {
    try {
      const text = piece ? decoder.decode(piece, { stream: true }) : decoder.decode();
      // A binary or other-encoded file decodes to control characters and private-use code points.
      if (encoding === "gb18030" && isSuspicious(text)) throw new Error("suspicious");
      return text;
    } catch {
      throw new ImportFileError("importFile.encoding");
    }
  };
  for (let at = 0; at < bytes.length; at += CSV_PIECE) yield* reader.push(decode(bytes.subarray(at, at + CSV_PIECE)));
  yield* reader.push(decode(), true);
}

export function csvToRecords<K extends string>(
  bytes: Uint8Array,
  columns: readonly ColumnDef<K>[],
  opts: TableOptions = {},
) {
  const { text, encoding } = decodeCsv(bytes);
  return { encoding, records: tableToRecords<K>(parseCsv(text), columns, opts) };
}
