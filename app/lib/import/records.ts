import type { MessageKey } from "../i18n";
import { parseCsv } from "./csv";

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
    const suspicious = text.match(/[\u0000-\u0008\u000e-\u001f\ue000-\uf8ff\ufffd]/g)?.length ?? 0;
    if (suspicious > text.length / 100) throw new Error("suspicious");
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
}

/** Rows of a table (CSV or XLSX cells as text) as records; row numbers are the file's (header row 1). */
export function tableToRecords<K extends string>(
  table: string[][],
  columns: readonly ColumnDef<K>[],
  opts: TableOptions = {},
): { row: number; record: Partial<Record<K, string>> }[] {
  const skip = (cells: string[]) => opts.comments === true && isCommentRow(cells);
  const headerAt = table.findIndex((cells) => !skip(cells));
  const header = headerAt >= 0 ? table[headerAt] : undefined;
  if (!header) throw new ImportFileError("importFile.empty");
  const keys = mapHeader(header, columns);
  const rows = table.slice(headerAt + 1);
  if (rows.length > MAX_IMPORT_ROWS) throw new ImportFileError("importFile.tooManyRows", { max: MAX_IMPORT_ROWS });
  return rows
    .map((cells, i) => {
      const record: Partial<Record<K, string>> = {};
      if (skip(cells)) return { row: headerAt + i + 2, record };
      keys.forEach((k, j) => {
        if (k) record[k] = (cells[j] ?? "").trim();
      });
      return { row: headerAt + i + 2, record };
    })
    .filter(({ record }) => Object.values(record).some((v) => v));
}

export function csvToRecords<K extends string>(
  bytes: Uint8Array,
  columns: readonly ColumnDef<K>[],
  opts: TableOptions = {},
) {
  const { text, encoding } = decodeCsv(bytes);
  return { encoding, records: tableToRecords<K>(parseCsv(text), columns, opts) };
}
