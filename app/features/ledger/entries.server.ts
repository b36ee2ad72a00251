import { listPlantsOfOem } from "../../../db/demands.server";
import { listEntries, plantIdByCode, recentEntries } from "../../../db/ledger.server";
import { DomainError } from "../../domain/errors";
import type { Actor } from "../../domain/policy";
import type { Deps } from "../deps.server";
import type { EntriesQuery } from "./schemas";
import { recentProcurementImports, type ImportActor } from "./import-procurement.server";

/** The OEM's latest ledger entries, newest first, each with its reversal if it has one. */
export function latestLedgerEntries(deps: Pick<Deps, "db">, actor: Pick<Actor, "organizationId">, limit = 100) {
  return recentEntries(deps.db, actor.organizationId, limit);
}

/**
 * The procurement import page: the OEM's latest entries, and its plants with the codes the
 * import's plant column takes (the UI shows them nowhere else).
 */
export async function ledgerPage(deps: Pick<Deps, "db">, actor: ImportActor) {
  const [entries, plants, imports] = await Promise.all([
    latestLedgerEntries(deps, actor),
    listPlantsOfOem(deps.db, actor.organizationId),
    recentProcurementImports(deps, actor),
  ]);
  return {
    entries,
    plants: plants.map((p) => ({ code: p.code, name_zh: p.name_zh, name_en: p.name_en })),
    imports,
  };
}

/** The plant code the template's example row shows: the OEM's first plant's, if it has one. */
export async function templateExamplePlant(
  deps: Pick<Deps, "db">,
  actor: Pick<Actor, "organizationId">,
): Promise<string | undefined> {
  return (await listPlantsOfOem(deps.db, actor.organizationId))[0]?.code;
}

/**
 * Ledger entries an actor may see, filtered and paged: OEM users and tokens their own
 * OEM's, officials any OEM's or all; a plant by its code, which must be the OEM's.
 */
export async function ledgerEntries(
  deps: Pick<Deps, "db">,
  actor: Pick<Actor, "organizationKind" | "organizationId">,
  query: EntriesQuery,
) {
  const oemId = actor.organizationKind === "oem" ? actor.organizationId : query.oem;
  let plantId: string | undefined;
  if (query.plant) {
    plantId = (await plantIdByCode(deps.db, query.plant, oemId)) ?? undefined;
    if (!plantId) throw new DomainError("unknown_plant", "plant");
  }
  const { rows, total } = await listEntries(
    deps.db,
    {
      oemId,
      plantId,
      year: query.year,
      quarter: query.quarter,
      source: query.source,
      documentNo: query.document_no,
    },
    { limit: query.per_page, offset: (query.page - 1) * query.per_page },
  );
  return { total, page: query.page, perPage: query.per_page, entries: rows };
}
