import type { LoaderFunctionArgs } from "@remix-run/node";
import { loadDashboard } from "../features/dashboard/load-dashboard.server";
import { downloadName, tableXlsx } from "../features/dashboard/table-exports.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { tables, params } = await loadDashboard(context, request);
  const table = tables.find((t) => t.id === new URL(request.url).searchParams.get("table"));
  if (!table) throw new Response("Not Found", { status: 404 });
  return new Response(new Uint8Array(await tableXlsx(table)), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${downloadName(table, params.year, "xlsx")}"`,
    },
  });
}
