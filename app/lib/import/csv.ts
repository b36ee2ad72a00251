/**
 * RFC 4180 CSV read piece by piece: quoted fields, doubled quotes, CRLF or LF. `push` takes
 * the next piece of text and returns the rows it completed; `end` the last one. Blank lines
 * are left out. A quote or carriage return at the end of a piece waits for the next one
 * (it may be the first half of `""` or of CRLF).
 */
export class CsvReader {
  private row: string[] = [];
  private field = "";
  private quoted = false;
  private carry = "";
  private started = false;

  push(text: string, final = false): string[][] {
    let src = this.carry + text;
    this.carry = "";
    if (!this.started && src.length > 0) {
      this.started = true;
      if (src.charCodeAt(0) === 0xfeff) src = src.slice(1);
    }
    const rows: string[][] = [];
    const complete = (row: string[]) => {
      if (!(row.length === 1 && row[0] === "")) rows.push(row);
    };
    for (let i = 0; i < src.length; i++) {
      const ch = src[i]!;
      if (!final && i === src.length - 1 && (ch === '"' || ch === "\r")) {
        this.carry = ch;
        break;
      }
      if (this.quoted) {
        if (ch === '"') {
          if (src[i + 1] === '"') {
            this.field += '"';
            i++;
          } else this.quoted = false;
        } else this.field += ch;
      } else if (ch === '"' && this.field === "") this.quoted = true;
      else if (ch === ",") {
        this.row.push(this.field);
        this.field = "";
      } else if (ch === "\n" || ch === "\r") {
        if (ch === "\r" && src[i + 1] === "\n") i++;
        this.row.push(this.field);
        complete(this.row);
        this.row = [];
        this.field = "";
      } else this.field += ch;
    }
    if (final && (this.field !== "" || this.row.length > 0)) {
      this.row.push(this.field);
      complete(this.row);
      this.row = [];
      this.field = "";
    }
    return rows;
  }

  end(): string[][] {
    return this.push("", true);
  }
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF; returns rows of fields. */
export function parseCsv(text: string): string[][] {
  return new CsvReader().push(text, true);
}

/** CSV rows as objects keyed by the header row. */
export function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), r[i] ?? ""])));
}

/**
 * Text for a spreadsheet cell we write, CSV or XLSX: text that a spreadsheet would run as a
 * formula (starting with = + - @ or a tab or carriage return: OWASP's CSV injection) gets a
 * leading apostrophe. An XLSX stores it as text already, but a reader who edits the cell
 * turns it into a formula; the apostrophe keeps it text there too.
 */
export function spreadsheetText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A spreadsheet row's cells: text through `spreadsheetText`, numbers and blanks as they are. */
export function spreadsheetCells<T extends string | number | null>(values: readonly T[]): (T | string)[] {
  return values.map((v) => (typeof v === "string" ? spreadsheetText(v) : v));
}

/**
 * One field of a CSV we write: quoted when it holds a comma, quote or line break, text
 * neutralised as `spreadsheetText` says; numbers stay numbers.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const text = spreadsheetText(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
