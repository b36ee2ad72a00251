import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import {
  csvRows,
  ImportFileError,
  MAX_IMPORT_BYTES,
  streamToRecords,
  type ColumnDef,
  type TableOptions,
} from "./records";
import { xlsxRows } from "./xlsx.server";

export interface Upload {
  bytes: Uint8Array;
  /** The uploaded file's name ("" for a raw body). */
  name: string;
  /** The form's other (text) fields, for options sent with the file; none for a raw body. */
  fields: Record<string, string>;
}

/** The uploaded file: the multipart field `file` (pages), or the raw request body (API). */
export async function readUpload(request: Request): Promise<Upload> {
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await unstable_parseMultipartFormData(
        request,
        unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_BYTES }),
      );
    } catch (err) {
      throw new ImportFileError(
        err instanceof MaxPartSizeExceededError ? "importFile.tooLarge" : "importFile.unreadable",
      );
    }
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) throw new ImportFileError("importFile.choose");
    const fields: Record<string, string> = {};
    for (const [key, value] of form) if (typeof value === "string") fields[key] = value;
    return { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name, fields };
  }
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.length > MAX_IMPORT_BYTES) throw new ImportFileError("importFile.tooLarge");
  if (bytes.length === 0) throw new ImportFileError("importFile.emptyBody");
  return { bytes, name: "", fields: {} };
}

/**
 * An upload's rows as records of `columns`: XLSX by name or signature, CSV otherwise; both
 * read as streams, refused as soon as the row limit is passed.
 */
export async function uploadRecords<K extends string>(
  upload: Upload,
  columns: readonly ColumnDef<K>[],
  contentType = "",
  opts: TableOptions = {},
) {
  const { bytes, name } = upload;
  const isXlsx =
    /\.xlsx$/i.test(name) || contentType.includes("spreadsheetml") || (bytes[0] === 0x50 && bytes[1] === 0x4b);
  return streamToRecords(isXlsx ? xlsxRows(bytes) : csvRows(bytes), columns, opts);
}
