import type { DB } from "../../../db/connection.server";
import { ledgerSums, plantIdByCode } from "../../../db/ledger.server";
import { DomainError } from "../../domain/errors";
import type { Actor } from "../../domain/policy";

export type ScopeActor = Pick<Actor, "organizationKind" | "organizationId">;

/**
 * The OEM and plant an actor asked for: OEM users and tokens always their own OEM,
 * officials any OEM or all; a plant by its code, which must be the OEM's.
 */
export async function scopeOf(
  db: DB,
  actor: ScopeActor,
  query: { oem?: string; plant?: string },
): Promise<{ oemId?: string; plantId?: string }> {
  const oemId = actor.organizationKind === "oem" ? actor.organizationId : query.oem;
  if (!query.plant) return { oemId };
  const plantId = await plantIdByCode(db, query.plant, oemId);
  if (!plantId) throw new DomainError("unknown_plant", "plant");
  return { oemId, plantId };
}

/** The latest year with ledger entries in a scope (this year for an empty ledger). */
export async function latestYear(db: DB, filters: { oemId?: string; plantId?: string }): Promise<number | null> {
  const rows = await ledgerSums(db, ["year"], filters);
  const years = rows.map((r) => r.year).filter((y): y is number => typeof y === "number");
  return years.length ? Math.max(...years) : null;
}
