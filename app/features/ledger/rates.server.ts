import type { DB } from "../../../db/connection.server";
import { ledgerSums, plantIdByCode } from "../../../db/ledger.server";
import { DomainError } from "../../domain/errors";
import type { Actor } from "../../domain/policy";
import {
  rate,
  sumsOn,
  yearCheck,
  yearSeries,
  type Basis,
  type PolicyCheck,
  type Sums,
  type YearRate,
} from "../../domain/rates";
import { isProvisional, verdictsOf, type Verdicts } from "../../domain/policy-rules";
import type { Deps } from "../deps.server";
import type { RatesQuery } from "./schemas";

/** Which part of the ledger: one OEM (or all), one of its plants, one category group. */
export interface RatesScope {
  oemId?: string;
  plantId?: string;
  group?: string;
}

export interface LedgerRates {
  basis: Basis;
  /** The year checked against the policy; null for an empty ledger. */
  year: number | null;
  years: YearRate[];
  /** The quarters of `year` that have entries (entries without a quarter left out). */
  quarters: (Sums & { quarter: number; rate: number | null })[];
  current: Sums;
  previous: Sums;
  nev: Sums;
  check: PolicyCheck;
  /** Of `year`'s total, fen whose locality is unknown on this basis (decision 013). */
  unknownFen: bigint;
}

/**
 * The local supply rate of a scope per year and per quarter of one year, with the policy
 * checks, on one basis: what the dashboard shows and GET /api/v1/ledger/rates answers.
 * Without a year, the latest year with entries.
 */
export async function ratesOf(db: DB, scope: RatesScope, opts: { basis: Basis; year?: number }): Promise<LedgerRates> {
  const filters = { oemId: scope.oemId, plantId: scope.plantId, group: scope.group };
  const quarterSums = (year: number | null) =>
    year === null ? Promise.resolve([]) : ledgerSums(db, ["quarter"], { ...filters, years: [year] });
  const [byYear, known] = await Promise.all([
    ledgerSums(db, ["year"], filters),
    opts.year === undefined ? null : quarterSums(opts.year),
  ]);
  const years = yearSeries(byYear, opts.basis);
  const year = opts.year ?? years[years.length - 1]?.year ?? null;
  const byQuarter = known ?? (await quarterSums(year));
  const quarters = byQuarter
    .filter((r): r is typeof r & { quarter: number } => typeof r.quarter === "number")
    .map((r) => {
      const s = sumsOn(r, opts.basis);
      return { quarter: r.quarter, ...s, rate: rate(s) };
    });
  const unknownFen = years.find((y) => y.year === year)?.unknownFen ?? 0n;
  return { basis: opts.basis, year, years, quarters, unknownFen, ...yearCheck(byYear, year, opts.basis) };
}

/**
 * The rates an actor asked for: OEM users and tokens always their own OEM, officials any
 * OEM or all; a plant by its code, which must be the OEM's.
 */
export async function ledgerRates(
  deps: Pick<Deps, "db">,
  actor: Pick<Actor, "organizationKind" | "organizationId">,
  query: RatesQuery,
): Promise<LedgerRates & { verdicts: (Verdicts & { provisional: boolean }) | null }> {
  const oemId = actor.organizationKind === "oem" ? actor.organizationId : query.oem;
  let plantId: string | undefined;
  if (query.plant) {
    plantId = (await plantIdByCode(deps.db, query.plant, oemId)) ?? undefined;
    if (!plantId) throw new DomainError("unknown_plant", "plant");
  }
  const rates = await ratesOf(
    deps.db,
    { oemId, plantId, group: query.group },
    { basis: query.basis, year: query.year },
  );
  // The reward verdicts of the year (issue 15), from the same sums: no further query.
  const verdicts =
    rates.year === null
      ? null
      : {
          provisional: isProvisional(
            rates.year,
            rates.quarters.map((q) => q.quarter),
            new Date(),
          ),
          ...verdictsOf(rates.year, rates.current, rates.previous, rates.nev),
        };
  const quarters = query.quarter ? rates.quarters.filter((q) => q.quarter === query.quarter) : rates.quarters;
  return { ...rates, quarters, verdicts };
}
