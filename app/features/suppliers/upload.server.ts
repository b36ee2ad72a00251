import { IMPORT_COLUMNS } from "../../domain/supplier-import";
import type { MessageKey } from "../../lib/i18n";
import { ImportFileError } from "../../lib/import/records";
import { readUpload, uploadRecords } from "../../lib/import/upload.server";
import type { ImportRows } from "./import.server";

export type SupplierUpload =
  | ({ ok: true; fileName: string } & ImportRows)
  | { ok: false; error: { key: MessageKey; vars: Record<string, string | number> }; status: 400 | 413 };

/**
 * Read an uploaded supplier file (multipart field `file`) into records; a file that cannot
 * be imported at all is answered with its message (413 when it is too large).
 */
export async function readSupplierUpload(request: Request): Promise<SupplierUpload> {
  try {
    const upload = await readUpload(request);
    // Rows whose first cell starts with # are comments: the template's example row is one.
    const records = await uploadRecords(upload, IMPORT_COLUMNS, "", { comments: true });
    return { ok: true, fileName: upload.name.slice(0, 200), records };
  } catch (err) {
    if (err instanceof ImportFileError)
      return {
        ok: false,
        error: { key: err.key, vars: err.vars },
        status: err.key === "importFile.tooLarge" ? 413 : 400,
      };
    throw err;
  }
}
