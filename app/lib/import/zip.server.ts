import { Readable, Transform } from "node:stream";
import zlib from "node:zlib";
import { ImportFileError } from "./records";

// A ZIP archive held in memory (an uploaded XLSX, at most 10 MB), read by its central
// directory: any entry can be opened in any order, as a stream that inflates only as far as
// it is read. exceljs's WorkbookReader reads the archive front to back, and Excel and
// exceljs write the worksheets before the shared strings: it then inflates every sheet to a
// temporary file before reading a row (and leaves the file behind when reading stops early).

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

/** The archive's entries by name; a file that is not a ZIP is `importFile.notXlsx`. */
export function zipEntries(bytes: Buffer): Map<string, ZipEntry> {
  try {
    let end = -1;
    for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
      if (bytes.readUInt32LE(i) === 0x06054b50) {
        end = i;
        break;
      }
    }
    if (end < 0) throw new Error("no end of central directory");
    const count = bytes.readUInt16LE(end + 10);
    let at = bytes.readUInt32LE(end + 16);
    const entries = new Map<string, ZipEntry>();
    for (let n = 0; n < count; n++) {
      if (bytes.readUInt32LE(at) !== 0x02014b50) throw new Error("bad central directory");
      const nameLength = bytes.readUInt16LE(at + 28);
      const name = bytes.toString("utf8", at + 46, at + 46 + nameLength);
      entries.set(name, {
        name,
        method: bytes.readUInt16LE(at + 10),
        compressedSize: bytes.readUInt32LE(at + 20),
        localOffset: bytes.readUInt32LE(at + 42),
      });
      at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    }
    return entries;
  } catch {
    throw new ImportFileError("importFile.notXlsx");
  }
}

/**
 * An entry's content as a stream of text (UTF-8 decoded across chunk boundaries), inflated
 * as it is read; more than `maxBytes` once inflated (a ZIP bomb) ends it with
 * `importFile.unpackedTooLarge`.
 */
export function openEntry(bytes: Buffer, entry: ZipEntry, maxBytes: number): Readable {
  const at = entry.localOffset;
  if (bytes.readUInt32LE(at) !== 0x04034b50) throw new ImportFileError("importFile.notXlsx");
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const data = Readable.from([bytes.subarray(start, start + entry.compressedSize)], { objectMode: false });
  if (entry.method !== 0 && entry.method !== 8) throw new ImportFileError("importFile.notXlsx");
  let seen = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > maxBytes) done(new ImportFileError("importFile.unpackedTooLarge", { mb: maxBytes / 1024 / 1024 }));
      else done(null, chunk);
    },
  });
  const fail = (err: Error) =>
    limit.destroy(err instanceof ImportFileError ? err : new ImportFileError("importFile.notXlsx"));
  const source = entry.method === 8 ? data.pipe(zlib.createInflateRaw()).on("error", fail) : data;
  source.pipe(limit);
  limit.setEncoding("utf8");
  return limit;
}
