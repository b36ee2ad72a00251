import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { apiReadableDemand, demandJson } from "../features/api/demands.server";

/** GET /api/v1/demands/{id} */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { demand } = await apiReadableDemand(context, request, params.id);
  return json(demandJson(demand));
}
