import type { LoaderFunctionArgs } from "@remix-run/node";
import { loadDashboard } from "../features/dashboard/load-dashboard.server";
import { downloadName, tableCsv } from "../features/dashboard/table-exports.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { tables, params } = await loadDashboard(context, request);
  const table = tables.find((t) => t.id === new URL(request.url).searchParams.get("table"));
  if (!table) throw new Response("Not Found", { status: 404 });
  return new Response(tableCsv(table), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${downloadName(table, params.year, "csv")}"`,
    },
  });
}
