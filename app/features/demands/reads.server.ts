import { z } from "zod";
import { listCategories } from "../../../db/catalog.server";
import type { DB } from "../../../db/connection.server";
import {
  getDemand,
  hasMatch,
  demandsNewestFirst,
  listPlantsOfOem,
  opportunitiesForSupplier,
  type Demand,
} from "../../../db/demands.server";
import { getMatch, getMatchFor, listMatchesForDemand } from "../../../db/matches.server";
import { supplierMaySeeDemand } from "../../domain/demand";
import type { Actor } from "../../domain/policy";

/** The demands list: an OEM's own; every OEM's for officials and admins. */
export async function listDemands(db: DB, actor: Actor) {
  return demandsNewestFirst(db, actor.organizationKind === "oem" ? { oemId: actor.organizationId } : { limit: 200 });
}

/** A demand by id, unchecked (after a write that made it). */
export async function demandById(db: DB, id: string): Promise<Demand | undefined> {
  return getDemand(db, id);
}

/** The choices of the demand form: the OEM's plants and the taxonomy. */
export async function demandFormOptions(db: DB, actor: Actor) {
  const [plants, categories] = await Promise.all([listPlantsOfOem(db, actor.organizationId), listCategories(db)]);
  return { plants, categories };
}

/**
 * A demand as the actor may read it, for the page and the API alike: null when there is
 * no such demand or a supplier may not see it (both answer 404, so existence is not
 * revealed). `authorizeRead` is the route's policy check on the demand's OEM (it throws
 * its own 403), made between the two so that the answers stay as they were.
 */
export async function readableDemand(
  db: DB,
  id: string | undefined,
  authorizeRead: (demand: Demand) => Actor,
): Promise<{ demand: Demand; actor: Actor } | null> {
  const parsed = z.uuid().safeParse(id);
  const demand = parsed.success ? await getDemand(db, parsed.data) : undefined;
  if (!demand) return null;
  const actor = authorizeRead(demand);
  if (
    actor.organizationKind === "supplier" &&
    !supplierMaySeeDemand(demand, await hasMatch(db, demand.id, actor.organizationId))
  )
    return null;
  return { demand, actor };
}

/** A match and its demand, by the match's id (null when there is none). */
export async function matchWithDemand(db: DB, id: string | undefined) {
  const parsed = z.uuid().safeParse(id);
  const match = parsed.success ? await getMatch(db, parsed.data) : undefined;
  if (!match) return null;
  const demand = await getDemand(db, match.demand_id);
  return demand ? { match, demand } : null;
}

/** The matches of a demand with their suppliers (buyers and officials). */
export async function demandMatchesList(db: DB, demand: Demand) {
  return listMatchesForDemand(db, demand.id);
}

/** The actor's own match on a demand (suppliers). */
export async function ownMatch(db: DB, actor: Actor, demand: Demand) {
  return getMatchFor(db, demand.id, actor.organizationId);
}

/** Open demands that fit the supplier (or that it was invited to), nearest first. */
export async function opportunitiesOf(db: DB, actor: Actor) {
  return opportunitiesForSupplier(db, actor.organizationId);
}
