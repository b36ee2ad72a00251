import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "../auth/guard.server";
import { IMPORT_COLUMNS } from "../domain/supplier-import";
import { csvField } from "../lib/import/csv";
import { EXAMPLE_MARK } from "../lib/import/records";

/**
 * The CSV template, UTF-8 with a BOM so that Excel opens the Chinese headers correctly. Its
 * example row is a comment (first cell starting with #): uploaded unmodified, it imports nothing.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  authorize(context, request, "supplier.import");
  const header = IMPORT_COLUMNS.map((c) => csvField(c.zh)).join(",");
  const example = IMPORT_COLUMNS.map((c, i) => csvField(i === 0 ? `${EXAMPLE_MARK}${c.example}` : c.example)).join(",");
  return new Response(`\uFEFF${header}\r\n${example}\r\n`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="peitao-suppliers-template.csv"',
    },
  });
}
