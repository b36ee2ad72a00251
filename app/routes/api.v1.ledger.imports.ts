import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { parseQuery, postOnly } from "../features/api/respond.server";
import { depsOf } from "../features/deps.server";
import { importProcurement } from "../features/ledger/import-procurement.server";
import { problemBilingual } from "../features/ledger/import-report";
import { importOptions } from "../features/ledger/schemas";
import { procurementUpload } from "../features/ledger/upload.server";
import { authorize } from "../auth/guard.server";
import { translate } from "../lib/i18n";

export const loader = postOnly;

/**
 * POST /api/v1/ledger/imports[?unknown_locality=import]: an OEM's procurement rows (CSV or
 * XLSX body, or multipart `file`).
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = authorize(context, request, "ledger.import");
  const options = parseQuery(request, importOptions);
  const upload = await procurementUpload(request);
  // A file that cannot be read at all (encoding, size, header): its message, in English.
  if (!upload.ok)
    return json(
      { error: "invalid_request", message: translate("en", upload.error.key, upload.error.vars) },
      { status: 400 },
    );
  // One import per OEM runs at a time: this request waits while an earlier one runs.
  const result = await importProcurement(
    depsOf(context),
    actor,
    { records: upload.records, unknownLocality: options.unknown_locality, fileName: upload.fileName },
    { leaseSeconds: context.imports?.leaseSeconds },
  );
  return json({
    inserted: result.inserted,
    unchanged: result.unchanged,
    rejected: result.rejected,
    unknown_locality: result.unknownLocality,
    report: result.report.map((r) => ({ row: r.row, reasons: r.reasons.map(problemBilingual) })),
  });
}
