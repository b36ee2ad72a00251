import type { LoaderFunctionArgs } from "@remix-run/node";
import { entrantsExport } from "../features/policy/pages.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return entrantsExport(context, request, "xlsx");
}
