import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "../auth/guard.server";
import { procurementTemplateXlsx } from "../features/ledger/template.server";
import { depsOf } from "../features/deps.server";
import { templateExamplePlant } from "../features/ledger/entries.server";

/** GET /ledger/template.xlsx: the procurement import's template as a workbook, with a column guide. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "ledger.import");
  return new Response(await procurementTemplateXlsx(await templateExamplePlant(depsOf(context), actor)), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": 'attachment; filename="peitao-procurement-template.xlsx"',
    },
  });
}
