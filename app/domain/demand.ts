import { haversineKm, type LatLng } from "./geo";
import type { DemandStatus, DemandVisibility, MatchOrigin, MatchState } from "./vocabulary";

/**
 * Whether a supplier fits a demand: the demand's category is one of the supplier's, and one
 * of its sites lies within the demand's radius of the plant. The same rule chooses whom
 * a new demand notifies and what the supplier's opportunities list (db/demands.server.ts).
 */
export function supplierFitsDemand(
  demand: { category_code: string; radius_km: number } & LatLng,
  supplier: { categories: readonly string[]; sites: readonly LatLng[] },
): boolean {
  if (!supplier.categories.includes(demand.category_code)) return false;
  return supplier.sites.some((site) => haversineKm(demand, site) <= demand.radius_km);
}

/** Match states that only an invitation leads to (invite → interested / declined → confirmed). */
export const INVITED_MATCH_STATES: readonly MatchState[] = ["invited", "interested", "declined", "confirmed"];

/** Match states whose quote no longer stands: the supplier declined, or the match was withdrawn. */
export const LAPSED_QUOTE_STATES: readonly MatchState[] = ["declined", "withdrawn"];

/**
 * Whether the supplier takes part in a demand through its match: the match is an invitation
 * (its state is one an invitation leads to, or it was withdrawn after one: the supplier was
 * told of the demand, and its notification links there), or the supplier nominated itself
 * (自荐), so it keeps reading the demand after an award. Being shortlisted is the buyer's
 * private note: it is not one.
 */
export function matchIsInvitation(
  match: { state: MatchState; everInvited: boolean; origin?: MatchOrigin } | null | undefined,
): boolean {
  if (!match) return false;
  return INVITED_MATCH_STATES.includes(match.state) || match.everInvited || match.origin === "supplier";
}

/** What decides whether a supplier may read a demand. */
export interface SupplierStanding {
  /** It fits the demand (`supplierFitsDemand`). */
  fits: boolean;
  /** It was invited to the demand (`matchIsInvitation`). */
  invited: boolean;
}

/**
 * Whether a supplier may read a demand: one it was invited to (whatever the demand's state
 * since), or an open demand that is open to all and that it fits. Neither a demand of
 * another category or outside the supply circle, nor an invite-only demand it was merely
 * shortlisted for. OEMs and officials are decided by the policy (`demand.read`), not here.
 */
export function supplierMaySeeDemand(
  demand: { visibility: DemandVisibility; status: DemandStatus },
  standing: SupplierStanding,
): boolean {
  if (standing.invited) return true;
  return demand.visibility === "all" && demand.status === "open" && standing.fits;
}
