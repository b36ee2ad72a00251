import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { applyMatchAction, listMatchesForDemand } from "../../db/matches.server";
import { DomainError } from "../domain/errors";
import { SearchUnavailableError } from "../../search/directory.server";
import { rankedJson, readableDemand } from "../features/api/demands.server";
import { apiDomainError, parseJsonBody } from "../features/api/respond.server";
import { matchCreate } from "../features/matching/schemas";
import { authorize } from "../auth/guard.server";
import { rankDemand } from "../features/matching/ranking.server";

/** GET /api/v1/demands/{id}/matches: the ranking (buyers of the demand's OEM) and the matches. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { demand } = await readableDemand(context, request, params.id);
  authorize(context, request, "demand.manage", { organizationId: demand.oem_id });
  let ranking;
  try {
    ranking = await rankDemand(context.search, demand, context.thresholds.minInside);
  } catch (err) {
    if (err instanceof SearchUnavailableError || (err instanceof Error && err.name.startsWith("Meilisearch"))) {
      return json({ error: "search_unavailable", message: "Search is down; try again shortly." }, { status: 503 });
    }
    throw err;
  }
  const matches = await listMatchesForDemand(context.db, demand.id);
  return json({
    inside: ranking.inside.map(rankedJson),
    outside: ranking.outside.map(rankedJson),
    matches: matches.map((m) => ({
      id: m.id, supplier_id: m.supplier_id, state: m.state, distance_km: m.distance_km, inside_circle: m.inside_circle,
      quote_fen: m.quote_fen, contract_fen: m.contract_fen, period_year: m.period_year,
    })),
  });
}

/** POST /api/v1/demands/{id}/matches: shortlist or invite a supplier. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { demand } = await readableDemand(context, request, params.id);
  const actor = authorize(context, request, "demand.manage", { organizationId: demand.oem_id });
  const body = await parseJsonBody(request, matchCreate);
  try {
    const r = await applyMatchAction(context.db, {
      demandId: demand.id, supplierId: body.supplier_id, action: body.action, side: "buyer",
      actor: { userId: actor.userId, organizationId: actor.organizationId },
    });
    return json({ match_id: r.matchId, state: r.state, already_done: r.alreadyDone, ledger_posted: r.ledgerPosted }, { status: 201 });
  } catch (err) {
    if (err instanceof DomainError) apiDomainError(err);
    throw err;
  }
}
