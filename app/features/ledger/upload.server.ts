import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { PROCUREMENT_COLUMNS, type ProcurementRecord } from "../../domain/procurement-import";
import { csvToRecords, ImportFileError, MAX_IMPORT_BYTES, tableToRecords } from "../../domain/supplier-import";
import { readXlsx } from "../../lib/import/xlsx.server";

/** Read an uploaded procurement file (multipart field `file`, or a raw CSV/XLSX body) into records. */
export async function readProcurementUpload(request: Request): Promise<{ row: number; record: ProcurementRecord }[]> {
  const type = request.headers.get("content-type") ?? "";
  let bytes: Uint8Array;
  let name = "";
  if (type.startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_BYTES }));
    } catch (err) {
      throw new ImportFileError(err instanceof MaxPartSizeExceededError ? "文件超过 10 MB 上限。The file exceeds 10 MB." : "无法读取上传的文件。The upload could not be read.");
    }
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) throw new ImportFileError("请选择 CSV 或 XLSX 文件。Choose a CSV or XLSX file.");
    bytes = new Uint8Array(await file.arrayBuffer());
    name = file.name;
  } else {
    bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.length > MAX_IMPORT_BYTES) throw new ImportFileError("文件超过 10 MB 上限。The file exceeds 10 MB.");
    if (bytes.length === 0) throw new ImportFileError("请求体为空。The body is empty.");
  }
  const isXlsx = /\.xlsx$/i.test(name) || type.includes("spreadsheetml") || (bytes[0] === 0x50 && bytes[1] === 0x4b);
  return isXlsx ? tableToRecords(await readXlsx(bytes), PROCUREMENT_COLUMNS) : csvToRecords(bytes, PROCUREMENT_COLUMNS).records;
}
