import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { opportunitiesForSupplier } from "../../db/demands.server";
import { authorize } from "../auth/guard.server";

/** GET /api/v1/opportunities: open demands that fit the supplier, nearest first. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "opportunities.read");
  const rows = await opportunitiesForSupplier(context.db, actor.organizationId);
  return json({
    opportunities: rows.map((o) => ({
      demand_id: o.id, part_name: o.part_name, category: o.category_code, oem_name_zh: o.oem_name_zh, plant_name_zh: o.plant_name_zh,
      distance_km: Math.round(o.distance_km * 10) / 10, response_deadline: o.response_deadline, match_state: o.match_state,
    })),
  });
}
