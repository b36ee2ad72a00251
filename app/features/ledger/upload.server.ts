import { PROCUREMENT_COLUMNS, type ProcurementRecord } from "../../domain/procurement-import";
import { readUpload, uploadRecords } from "../../lib/import/upload.server";

/** Read an uploaded procurement file (multipart field `file`, or a raw CSV/XLSX body) into records. */
export async function readProcurementUpload(request: Request): Promise<{ row: number; record: ProcurementRecord }[]> {
  const upload = await readUpload(request);
  return uploadRecords(upload, PROCUREMENT_COLUMNS, request.headers.get("content-type") ?? "");
}
