import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "../auth/guard.server";
import { procurementTemplateCsv } from "../features/ledger/template.server";
import { depsOf } from "../features/deps.server";
import { templateExamplePlant } from "../features/ledger/entries.server";

/** GET /ledger/template.csv: the procurement import's template (help and example as comment rows). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "ledger.import");
  return new Response(procurementTemplateCsv(await templateExamplePlant(depsOf(context), actor)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="peitao-procurement-template.csv"',
    },
  });
}
