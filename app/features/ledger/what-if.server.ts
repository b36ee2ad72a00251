import type { DB } from "../../../db/connection.server";
import { getDemand } from "../../../db/demands.server";
import { ledgerSums } from "../../../db/ledger.server";
import { openDemandsOf, quoteOf } from "../../../db/policy.server";
import { supplierLocality } from "../../../db/procurement-import.server";
import { annualValueFen } from "../../domain/award";
import { DomainError } from "../../domain/errors";
import {
  neededAmounts,
  whatIfBothWays,
  type NeededAmount,
  type WhatIfAmount,
  type WhatIfWays,
} from "../../domain/policy-rules";
import { LOCALITY_BASES, type LocalityBasis } from "../../domain/vocabulary";
import { rate, rateIfAwardedLocally, sumsOn, type Basis, type Sums } from "../../domain/rates";
import type { Deps } from "../deps.server";
import { rankDemandOrDown } from "../matching/ranking.server";
import type { WhatIfQuery } from "../policy/schemas";
import { latestYear, scopeOf, type ScopeActor } from "../policy/scope.server";

export interface WhatIf {
  year: number;
  fen: number;
  /** Per basis: the OEM's rate of the year now, and if `fen` more were bought locally. */
  rates: Record<LocalityBasis, { before: number | null; after: number | null }>;
}

/** How awarding `fen` to a local supplier would move an OEM's local supply rate in `year`. */
export async function whatIfAwardedLocally(db: DB, oemId: string, fen: number, year: number): Promise<WhatIf> {
  const [row] = await ledgerSums(db, [], { oemId, years: [year] });
  const rates = Object.fromEntries(
    LOCALITY_BASES.map((basis) => {
      const s = sumsOn(row, basis);
      return [basis, { before: rate(s), after: rateIfAwardedLocally(s, fen) }];
    }),
  ) as WhatIf["rates"];
  return { year, fen, rates };
}

// ---- The what-if for any scope (issue 15) ----

export interface ScopeWhatIfDemand {
  id: string;
  part: string;
  supplier: { name_zh: string; name_en: string } | null;
  /** The best-ranked local supplier's quote: a unit price. */
  quoteFen: number | null;
  /**
   * What the demand counts: the quote times the demand's annual volume (its value over a
   * year), or the quote alone when the demand states no annual volume; null when unpriced.
   */
  amountFen: bigint | null;
  /** The best-ranked local supplier is local on the chosen basis when the ledger would post it. */
  local: boolean;
  /** No best-ranked local supplier, or it has not quoted: not counted. */
  unpriced: boolean;
}

export interface ScopeWhatIf {
  year: number | null;
  basis: Basis;
  parts: "all" | "nev";
  before: Sums & { rate: number | null };
  amount: WhatIfAmount;
  demands: ScopeWhatIfDemand[];
  ways: WhatIfWays;
  needed: NeededAmount[];
  /** The search engine could not rank the demands. */
  searchDown: boolean;
}

/**
 * The what-if of a scope (an OEM or a plant, a year, all parts or the NEV key parts): an
 * amount bought locally, or a set of open demands each awarded to its best-ranked local
 * supplier (the ranking use case), counting what that supplier's quote buys over a year
 * (annualValueFen: the quote × the demand's annual volume, the quote alone when the demand
 * states none); answered both ways (moving purchases to local suppliers, the total
 * unchanged; adding new local purchases to both sums) with the fen needed to reach each
 * threshold both ways.
 */
export async function whatIfForScope(
  deps: Pick<Deps, "db" | "search">,
  actor: ScopeActor,
  query: WhatIfQuery,
  opts: { minInside: number },
): Promise<ScopeWhatIf> {
  const { oemId, plantId } = await scopeOf(deps.db, actor, query);
  const year = query.year ?? (await latestYear(deps.db, { oemId, plantId }));
  const nevOnly = query.parts === "nev";
  const rows = year === null ? [] : await ledgerSums(deps.db, ["year"], { oemId, plantId, years: [year - 1, year] });
  const current = sumsOn(
    rows.find((r) => r.year === year),
    query.basis,
    { nev: nevOnly },
  );
  const previous = sumsOn(
    rows.find((r) => year !== null && r.year === year - 1),
    query.basis,
    { nev: nevOnly },
  );
  let amount: WhatIfAmount = { localFen: BigInt(query.amount_fen ?? 0), otherFen: 0n };
  const demands: ScopeWhatIfDemand[] = [];
  let searchDown = false;
  if (query.demands?.length) {
    amount = { localFen: 0n, otherFen: 0n };
    const open = await openDemandsOf(deps.db, { oemId, plantId, ids: query.demands });
    const known = new Set(open.filter((d) => !nevOnly || d.nev_key).map((d) => d.id));
    const unknown = query.demands.find((id) => !known.has(id));
    if (unknown) throw new DomainError("unknown_demand", "demands");
    for (const d of open) {
      const demand = await getDemand(deps.db, d.id);
      if (!demand) continue;
      const ranking = await rankDemandOrDown(deps.search, demand, opts.minInside, 1);
      if (!ranking) searchDown = true;
      const best = ranking?.inside[0];
      const quoteFen = best ? await quoteOf(deps.db, d.id, best.supplier_id) : null;
      const locality = best ? await supplierLocality(deps.db, best.supplier_id, demand) : null;
      const local = Boolean(
        locality && (query.basis === "province" ? locality.supplier_in_jilin : locality.inside_circle),
      );
      const amountFen = quoteFen === null ? null : annualValueFen(quoteFen, demand.annual_volume).fen;
      if (amountFen !== null) {
        if (local) amount.localFen += amountFen;
        else amount.otherFen += amountFen;
      }
      demands.push({
        id: d.id,
        part: d.part_name,
        supplier: best ? { name_zh: best.name_zh, name_en: best.name_en } : null,
        quoteFen,
        amountFen,
        local,
        unpriced: amountFen === null,
      });
    }
  }
  return {
    year,
    basis: query.basis,
    parts: query.parts,
    before: { ...current, rate: rate(current) },
    amount,
    demands,
    ways: whatIfBothWays(current, amount),
    needed: neededAmounts(current, previous, nevOnly),
    searchDown,
  };
}
