import type { z } from "zod";
import { POLICY_CIRCLE_KM } from "../../domain/locality";
import { moneyJson as fen } from "../../domain/money";
import type { Actor } from "../../domain/policy";
import type { Deps } from "../deps.server";
import { chainMap } from "./chain-map.server";
import type { chainMapOut, ChainQuery } from "./schemas";

/** The chain map as GET /api/v1/chain-map answers it (sums as exact decimal strings). */
export async function chainMapJson(
  deps: Pick<Deps, "db">,
  actor: Pick<Actor, "organizationKind" | "organizationId">,
  query: ChainQuery,
): Promise<z.infer<typeof chainMapOut>> {
  const m = await chainMap(deps, actor, query);
  return {
    year: m.year,
    basis: m.basis,
    by: m.by,
    circle_km: POLICY_CIRCLE_KM,
    thresholds: {
      thin_min_verified: m.thresholds.thinMinVerified,
      covered_min_verified: m.thresholds.coveredMinVerified,
      covered_min_share: m.thresholds.coveredMinShare,
    },
    columns: m.columns.map((c) => ({ id: c.id, code: c.code, name_zh: c.nameZh, name_en: c.nameEn })),
    rows: m.rows.map((r) => ({
      category: r.category,
      group: r.group,
      name_zh: r.nameZh,
      name_en: r.nameEn,
      nev_key: r.nevKey,
    })),
    cells: m.cells.map((c) => ({
      column: c.column,
      category: c.category,
      verified_inside: c.verifiedInside,
      pending_inside: c.pendingInside,
      nearest_verified_km: c.nearestVerifiedKm,
      total_fen: fen(c.ledger.totalFen),
      province_local_fen: fen(c.ledger.provinceFen),
      circle_local_fen: fen(c.ledger.circleFen),
      province_share: c.provinceShare,
      circle_share: c.circleShare,
      open_demands: c.openDemands,
      open_volume: c.openVolume,
      open_demand_fen: fen(c.openDemandFen),
      status: c.status,
    })),
  };
}
