import type { AppLoadContext } from "@remix-run/node";
import type { z } from "zod";
import type { Demand } from "../../../db/demands.server";
import type { listMatchesForDemand, Match } from "../../../db/matches.server";
import type { opportunitiesForSupplier } from "../../../db/demands.server";
import { requireActor } from "../../auth/guard.server";
import type { Actor } from "../../domain/policy";
import { translate } from "../../lib/i18n";
import { readableDemand, readableMatch } from "../demands/reads.server";
import type { demandOut } from "../demands/schemas";
import type { MatchActionResult } from "../matching/match-actions.server";
import type { RankedSupplier } from "../matching/ranking.server";
import type { demandMatches, matchResult, opportunity } from "../matching/schemas";
import { apiNotFound } from "./respond.server";

// The JSON mapping of demands and matches: each function answers with its documented
// response schema's type (app/features/<area>/schemas.ts).

/** A demand the token may read (404 otherwise, whether it exists or not: `readableDemand`). */
export async function apiReadableDemand(
  context: AppLoadContext,
  request: Request,
  id: string | undefined,
): Promise<{ demand: Demand; actor: Actor }> {
  const actor = requireActor(context, request);
  const demand = await readableDemand(context.db, actor, id);
  if (!demand) apiNotFound("demand");
  return { demand, actor };
}

/**
 * The match and its demand, for /api/v1/matches/{id}/…: 404 when there is none or the token
 * may not know of it (`readableMatch`); what it may do there is the route's policy check.
 */
export async function apiMatchWithDemand(
  context: AppLoadContext,
  request: Request,
  id: string | undefined,
): Promise<{ match: Match; demand: Demand }> {
  const found = await readableMatch(context.db, requireActor(context, request), id);
  if (!found) apiNotFound("match");
  return found;
}

export function demandJson(d: Demand): z.output<typeof demandOut> {
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

export function rankedJson(h: RankedSupplier): z.output<typeof demandMatches>["inside"][number] {
  return { ...h, reasons: h.reasons.map((r) => translate("en", r.key, r.vars)) };
}

export function matchJson(
  m: Awaited<ReturnType<typeof listMatchesForDemand>>[number],
): z.output<typeof demandMatches>["matches"][number] {
  return {
    id: m.id,
    supplier_id: m.supplier_id,
    state: m.state,
    origin: m.origin,
    distance_km: m.distance_km,
    inside_circle: m.inside_circle,
    quote_fen: m.quote_fen,
    capacity: m.capacity,
    earliest_sop: m.earliest_sop,
    contract_fen: m.contract_fen,
    period_year: m.period_year,
  };
}

export function matchResultJson(r: MatchActionResult): z.output<typeof matchResult> {
  return { match_id: r.matchId, state: r.state, already_done: r.alreadyDone, ledger_posted: r.ledgerPosted };
}

export function opportunityJson(
  o: Awaited<ReturnType<typeof opportunitiesForSupplier>>[number],
): z.output<typeof opportunity> {
  return {
    demand_id: o.id,
    part_name: o.part_name,
    category: o.category_code,
    oem_name_zh: o.oem_name_zh,
    plant_name_zh: o.plant_name_zh,
    distance_km: Math.round(o.distance_km * 10) / 10,
    response_deadline: o.response_deadline,
    match_state: o.match_state,
    match_origin: o.match_state ? o.match_origin : null,
  };
}
