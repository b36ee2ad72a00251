import { isCommentRecord, PROCUREMENT_COLUMNS, type ProcurementRecord } from "../../domain/procurement-import";
import { ImportFileError } from "../../lib/import/records";
import { readUpload, uploadRecords } from "../../lib/import/upload.server";

export type ProcurementRows = { row: number; record: ProcurementRecord }[];

/**
 * Read an uploaded procurement file (multipart field `file`, or a raw CSV/XLSX body) into
 * records, leaving out comment rows (the template's help and example); with the form's
 * other fields (the import's options).
 */
export async function readProcurementUpload(
  request: Request,
): Promise<{ records: ProcurementRows; fields: Record<string, string>; fileName: string }> {
  const upload = await readUpload(request);
  const records = await uploadRecords(upload, PROCUREMENT_COLUMNS, request.headers.get("content-type") ?? "");
  return {
    records: records.filter((r) => !isCommentRecord(r.record)),
    fields: upload.fields,
    fileName: upload.name.slice(0, 200),
  };
}

/**
 * The upload's records, or why the file cannot be imported at all (its catalogue key):
 * a user's mistake, answered by the page and the API, never thrown to the error boundary.
 */
export async function procurementUpload(
  request: Request,
): Promise<
  | { ok: true; records: ProcurementRows; fields: Record<string, string>; fileName: string }
  | { ok: false; error: ImportFileError }
> {
  try {
    return { ok: true, ...(await readProcurementUpload(request)) };
  } catch (err) {
    if (err instanceof ImportFileError) return { ok: false, error: err };
    throw err;
  }
}
