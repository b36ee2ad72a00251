import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "../auth/guard.server";
import { IMPORT_COLUMNS } from "../domain/supplier-import";
import { templateXlsx } from "../lib/import/xlsx.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  authorize(context, request, "supplier.import");
  return new Response(await templateXlsx(IMPORT_COLUMNS, { commentExample: true }), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": 'attachment; filename="peitao-suppliers-template.xlsx"',
    },
  });
}
