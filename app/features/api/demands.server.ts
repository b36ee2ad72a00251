import type { AppLoadContext } from "@remix-run/node";
import { getDemand, supplierMaySeeDemand, type Demand } from "../../../db/demands.server";
import { getMatch } from "../../../db/matches.server";
import { authorize } from "../../auth/guard.server";
import { translate } from "../../lib/i18n";
import type { RankedSupplier } from "../matching/ranking.server";
import { apiNotFound } from "./respond.server";
import { z } from "zod";

/** A demand the actor may read (404 otherwise, so existence is not revealed). */
export async function readableDemand(context: AppLoadContext, request: Request, id: string | undefined) {
  const parsed = z.uuid().safeParse(id);
  const demand = parsed.success ? await getDemand(context.db, parsed.data) : undefined;
  if (!demand) apiNotFound("demand");
  const actor = authorize(context, request, "demand.read", { organizationId: demand.oem_id });
  if (actor.organizationKind === "supplier" && !(await supplierMaySeeDemand(context.db, actor.organizationId, demand))) apiNotFound("demand");
  return { demand, actor };
}

/** The match and its demand, for /api/v1/matches/{id}/… */
export async function matchWithDemand(context: AppLoadContext, id: string | undefined) {
  const parsed = z.uuid().safeParse(id);
  const match = parsed.success ? await getMatch(context.db, parsed.data) : undefined;
  if (!match) apiNotFound("match");
  const demand = await getDemand(context.db, match.demand_id);
  if (!demand) apiNotFound("match");
  return { match, demand };
}

export function demandJson(d: Demand) {
  return {
    id: d.id,
    status: d.status,
    oem: { id: d.oem_id, name_zh: d.oem_name_zh },
    plant: { code: d.plant_code, name_zh: d.plant_name_zh, lat: d.lat, lng: d.lng },
    part_name: d.part_name,
    category: d.category_code,
    allow_group: d.allow_group,
    spec: d.spec,
    annual_volume: d.annual_volume,
    unit: d.unit,
    sop_date: d.sop_date,
    required_certifications: d.required_certs,
    radius_km: d.radius_km,
    response_deadline: d.response_deadline,
    visibility: d.visibility,
  };
}

export function rankedJson(h: RankedSupplier) {
  return { ...h, reasons: h.reasons.map((r) => translate("en", r.key, r.vars)) };
}
