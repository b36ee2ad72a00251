import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { createDemand, getDemand } from "../../db/demands.server";
import { DomainError } from "../domain/errors";
import { demandJson } from "../features/api/demands.server";
import { apiDomainError, apiInvalid, parseJsonBody, postOnly } from "../features/api/respond.server";
import { demandCreate } from "../features/demands/schemas";
import { authorize } from "../auth/guard.server";

export const loader = postOnly;

/** POST /api/v1/demands: post a demand at one of the organization's plants. */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return json({ error: "method_not_allowed", message: "Use POST." }, { status: 405 });
  const actor = authorize(context, request, "demand.create");
  const body = await parseJsonBody(request, demandCreate);
  const plant = await context.db.selectFrom("plants").select("id").where("code", "=", body.plant).where("oem_id", "=", actor.organizationId).executeTakeFirst();
  if (!plant) apiInvalid({ plant: "not a plant of your organization" });
  try {
    const id = await createDemand(context.db, actor.organizationId, actor.userId, {
      plantId: plant.id, partName: body.part_name, categoryCode: body.category, allowGroup: body.allow_group, spec: body.spec,
      annualVolume: body.annual_volume, unit: body.unit, sopDate: body.sop_date, requiredCerts: body.required_certifications,
      radiusKm: body.radius_km, responseDeadline: body.response_deadline, visibility: body.visibility,
    });
    return json(demandJson((await getDemand(context.db, id))!), { status: 201, headers: { Location: `/api/v1/demands/${id}` } });
  } catch (err) {
    if (err instanceof DomainError) apiDomainError(err);
    throw err;
  }
}
