import type { LoaderFunctionArgs } from "@remix-run/node";
import { dashboardExport } from "../features/dashboard/dashboard-export.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return dashboardExport(context, request, "xlsx");
}
