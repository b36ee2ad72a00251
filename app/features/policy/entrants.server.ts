import { sql } from "kysely";
import type { DB } from "../../../db/connection.server";
import { audit } from "../../../db/audit.server";
import { entrantsOfYear, upsertEntrantProject, type EntrantRow } from "../../../db/policy.server";
import { DomainError } from "../../domain/errors";
import type { Actor } from "../../domain/policy";
import { entrantReward, type EntrantRewardRule, type RewardOutcome } from "../../domain/policy-rules";
import type { Deps } from "../deps.server";
import type { EntrantProjectInput, EntrantsQuery } from "./schemas";
import { latestYear, scopeOf, type ScopeActor } from "./scope.server";

export interface Entrant extends EntrantRow {
  reward: RewardOutcome;
}

export interface Entrants {
  year: number | null;
  rule: EntrantRewardRule;
  entrants: Entrant[];
}

/**
 * New entrants into OEM supply chains in a year: suppliers in Jilin whose first award or
 * first procurement entry from an OEM falls in that year, with the year's contract value,
 * the demand of the award, the project an official recorded and the reward it earns.
 */
export async function entrantsOf(
  deps: Pick<Deps, "db">,
  actor: ScopeActor,
  query: EntrantsQuery,
  rule: EntrantRewardRule,
): Promise<Entrants> {
  const { oemId } = await scopeOf(deps.db, actor, query);
  const year = query.year ?? (await latestYear(deps.db, { oemId }));
  if (year === null) return { year, rule, entrants: [] };
  const rows = await entrantsOfYear(deps.db, { year, oemId });
  return {
    year,
    rule,
    entrants: rows.map((r) => ({
      ...r,
      reward: entrantReward(
        r.project_id
          ? {
              totalInvestmentFen: BigInt(r.total_investment_fen ?? 0),
              equipmentInvestmentFen: BigInt(r.equipment_investment_fen ?? 0),
            }
          : null,
        rule,
      ),
    })),
  };
}

/**
 * An official records (or corrects) the production project of a new entrant: the project
 * row and its audit row (with the figures before and after) in one transaction. Only a
 * supplier that is an entrant of some year with that OEM.
 */
export async function recordEntrantProject(
  deps: Pick<Deps, "db" | "ip">,
  actor: Pick<Actor, "userId" | "organizationId">,
  input: EntrantProjectInput,
): Promise<{ projectId: string }> {
  return deps.db.transaction().execute(async (trx) => {
    const year = await firstYear(trx, input.oemId, input.supplierId);
    const entrant =
      year === null ? [] : await entrantsOfYear(trx, { year, oemId: input.oemId, supplierId: input.supplierId });
    if (!entrant.length) throw new DomainError("entrant_not_found");
    const { id, previous } = await upsertEntrantProject(trx, {
      supplierId: input.supplierId,
      oemId: input.oemId,
      name: input.name,
      totalInvestmentFen: input.totalInvestmentFen,
      equipmentInvestmentFen: input.equipmentInvestmentFen,
      constructionStart: input.constructionStart,
      recordedBy: actor.userId,
    });
    await audit(trx, {
      action: "entrant_project_recorded",
      actorUserId: actor.userId,
      organizationId: actor.organizationId,
      subjectType: "entrant_project",
      subjectId: id,
      detail: {
        supplier_id: input.supplierId,
        oem_id: input.oemId,
        previous,
        name: input.name,
        total_investment_fen: input.totalInvestmentFen,
        equipment_investment_fen: input.equipmentInvestmentFen,
        construction_start: input.constructionStart,
      },
      ip: deps.ip,
    });
    return { projectId: id };
  });
}

/** The year of a supplier's first counted entry from an OEM (a reversed entry does not count). */
async function firstYear(db: DB, oemId: string, supplierId: string): Promise<number | null> {
  const { rows } = await sql<{ year: number | null }>`
    select min(l.period_year) as year from ledger_entries l
    where l.oem_id = ${oemId} and l.supplier_id = ${supplierId} and l.source <> 'reversal'
      and not exists (select 1 from ledger_entries r where r.reverses_id = l.id)`.execute(db);
  return rows[0]?.year ?? null;
}
