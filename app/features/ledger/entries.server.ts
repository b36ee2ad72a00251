import { recentEntries } from "../../../db/ledger.server";
import type { Actor } from "../../domain/policy";
import type { Deps } from "../deps.server";

/** The OEM's latest ledger entries, newest first, each with its reversal if it has one. */
export function latestLedgerEntries(deps: Pick<Deps, "db">, actor: Pick<Actor, "organizationId">, limit = 100) {
  return recentEntries(deps.db, actor.organizationId, limit);
}
