import type { DB } from "../../../db/connection.server";
import { ledgerSums } from "../../../db/ledger.server";
import { oemList } from "../../../db/policy.server";
import { isProvisional, verdictsOf, type Verdicts } from "../../domain/policy-rules";
import { sumsOn, type Basis } from "../../domain/rates";
import type { Deps } from "../deps.server";
import type { VerdictsQuery } from "./schemas";
import { latestYear, scopeOf, type ScopeActor } from "./scope.server";

export interface OemVerdicts {
  oemId: string;
  oemName: { name_zh: string; name_en: string | null };
  provisional: boolean;
  /** The quarters of the year that have entries. */
  quarters: number[];
  verdicts: Verdicts;
}

/**
 * The verdicts of one scope (an OEM, a plant) for a year on a basis, and whether the year
 * is provisional: what the rates API adds to its answer.
 */
export async function scopeVerdicts(
  db: DB,
  filters: { oemId?: string; plantId?: string; group?: string },
  year: number,
  basis: Basis,
  today = new Date(),
): Promise<{ provisional: boolean; quarters: number[]; verdicts: Verdicts }> {
  const [byYear, byQuarter] = await Promise.all([
    ledgerSums(db, ["year"], { ...filters, years: [year - 1, year] }),
    ledgerSums(db, ["quarter"], { ...filters, years: [year] }),
  ]);
  const quarters = byQuarter.map((r) => r.quarter).filter((q): q is number => typeof q === "number");
  const cur = byYear.find((r) => r.year === year);
  const prev = byYear.find((r) => r.year === year - 1);
  return {
    provisional: isProvisional(year, quarters, today),
    quarters,
    verdicts: verdictsOf(year, sumsOn(cur, basis), sumsOn(prev, basis), sumsOn(cur, basis, { nev: true })),
  };
}

/**
 * Reward verdicts: for each OEM (officials: every OEM with entries; OEM users their own),
 * one verdict per policy test for the year on the chosen basis, with the figures that
 * decide it; a year not over or without all four quarters is provisional.
 */
export async function rewardVerdicts(
  deps: Pick<Deps, "db">,
  actor: ScopeActor,
  query: VerdictsQuery,
  today = new Date(),
): Promise<{ year: number | null; basis: Basis; oems: OemVerdicts[] }> {
  const { oemId } = await scopeOf(deps.db, actor, query);
  const year = query.year ?? (await latestYear(deps.db, { oemId }));
  if (year === null) return { year, basis: query.basis, oems: [] };
  const [byYear, byQuarter, oems] = await Promise.all([
    ledgerSums(deps.db, ["oem", "year"], { oemId, years: [year - 1, year] }),
    ledgerSums(deps.db, ["oem", "quarter"], { oemId, years: [year] }),
    oemList(deps.db),
  ]);
  const withEntries = new Set(byYear.map((r) => r.oem));
  return {
    year,
    basis: query.basis,
    oems: oems
      .filter((o) => withEntries.has(o.id))
      .map((o) => {
        const cur = byYear.find((r) => r.oem === o.id && r.year === year);
        const prev = byYear.find((r) => r.oem === o.id && r.year === year - 1);
        const quarters = byQuarter
          .filter((r) => r.oem === o.id)
          .map((r) => r.quarter)
          .filter((q): q is number => typeof q === "number");
        return {
          oemId: o.id,
          oemName: { name_zh: o.name_zh, name_en: o.name_en },
          provisional: isProvisional(year, quarters, today),
          quarters,
          verdicts: verdictsOf(
            year,
            sumsOn(cur, query.basis),
            sumsOn(prev, query.basis),
            sumsOn(cur, query.basis, { nev: true }),
          ),
        };
      }),
  };
}
