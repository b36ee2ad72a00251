import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { importProcurement } from "../../db/procurement-import.server";
import { postOnly } from "../features/api/respond.server";
import { authorize } from "../auth/guard.server";
import { ImportFileError } from "../lib/import/records";
import { translate } from "../lib/i18n";
import { readProcurementUpload } from "../features/ledger/upload.server";

export const loader = postOnly;

/** POST /api/v1/ledger/imports: an OEM's procurement rows (CSV or XLSX body, or multipart `file`). */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = authorize(context, request, "ledger.import");
  try {
    const records = await readProcurementUpload(request);
    return json(await importProcurement(context.db, actor.organizationId, records, actor.userId));
  } catch (err) {
    if (err instanceof ImportFileError) return json({ error: "invalid_request", message: translate("en", err.key, err.vars) }, { status: 400 });
    throw err;
  }
}
