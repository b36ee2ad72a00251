import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "../auth/guard.server";
import { IMPORT_COLUMNS } from "../domain/supplier-import";

const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The CSV template, UTF-8 with a BOM so that Excel opens the Chinese headers correctly. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  authorize(context, request, "supplier.import");
  const body = `\uFEFF${IMPORT_COLUMNS.map((c) => cell(c.zh)).join(",")}\r\n${IMPORT_COLUMNS.map((c) => cell(c.example)).join(",")}\r\n`;
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="peitao-suppliers-template.csv"',
    },
  });
}
