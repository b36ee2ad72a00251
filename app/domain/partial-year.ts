// A year whose ledger reaches only into Q1–Q3 is partial: its rate is compared with the
// same quarters of the year before, never with that whole year. Pure: sums in, sums out.
import { policyCheck, sumsOn, type Basis, type BasisSums, type PolicyCheck, type Sums } from "./rates";

/** Ledger sums of one year and quarter (quarter null: an entry for the whole year). */
export type PeriodSums = BasisSums & { year?: number; quarter?: number | null };

export interface Coverage {
  /** Whether the year has entries in only some quarters (and none for the whole year). */
  partial: boolean;
  /** The last quarter with entries (4 for a full year, or a year with whole-year entries). */
  throughQuarter: 1 | 2 | 3 | 4;
}

/**
 * How much of `year` the ledger covers: partial when every entry names a quarter and the
 * last of them is before Q4. A year without entries is not partial.
 */
export function yearCoverage(rows: readonly PeriodSums[], year: number): Coverage {
  const of = rows.filter((r) => r.year === year);
  if (of.length === 0) return { partial: false, throughQuarter: 4 };
  const quarters = of.map((r) => r.quarter ?? null).filter((q): q is number => q !== null);
  return coverageFrom(quarters.length ? Math.max(...quarters) : null, quarters.length < of.length);
}

/** A year's coverage from its last quarter with entries and whether it has whole-year entries. */
export function coverageFrom(lastQuarter: number | null, wholeYear: boolean): Coverage {
  if (wholeYear || lastQuarter === null) return { partial: false, throughQuarter: 4 };
  const q = Math.min(4, Math.max(1, lastQuarter)) as 1 | 2 | 3 | 4;
  return { partial: q < 4, throughQuarter: q };
}

/** Sums of nothing. */
export const ZERO_SUMS: BasisSums = {
  total_fen: 0n,
  province_fen: 0n,
  circle_fen: 0n,
  nev_total_fen: 0n,
  nev_province_fen: 0n,
  nev_circle_fen: 0n,
  province_unknown_fen: 0n,
  circle_unknown_fen: 0n,
};
const FIELDS = Object.keys(ZERO_SUMS) as (keyof BasisSums)[];

/**
 * The sums of `year`: all of it, or only its quarters up to `throughQuarter` (then entries
 * for the whole year are left out, since they cannot be split into quarters).
 */
export function periodSums(rows: readonly PeriodSums[], year: number, throughQuarter?: 1 | 2 | 3 | 4): BasisSums {
  const out: BasisSums = { ...ZERO_SUMS };
  for (const r of rows) {
    if (r.year !== year) continue;
    if (throughQuarter !== undefined && throughQuarter < 4) {
      if (r.quarter === null || r.quarter === undefined || r.quarter > throughQuarter) continue;
    }
    for (const f of FIELDS) out[f] = (out[f] ?? 0n) + (r[f] ?? 0n);
  }
  return out;
}

export interface YearComparison {
  coverage: Coverage;
  current: Sums;
  /** The year before: whole, or its same quarters when `year` is partial. */
  previous: Sums;
  nev: Sums;
  check: PolicyCheck;
  /** Of the current total, the fen of unknown locality on this basis. */
  unknownFen: bigint;
}

/**
 * A year against the year before on one basis, from per-year-and-quarter sums: a partial
 * year (`coverage`, usually the scope's own, or the province's so that every row compares
 * alike) against the same quarters of the previous year.
 */
export function compareYear(
  rows: readonly PeriodSums[],
  year: number,
  basis: Basis,
  coverage: Coverage = yearCoverage(rows, year),
): YearComparison {
  const cur = periodSums(rows, year);
  const prev = periodSums(rows, year - 1, coverage.partial ? coverage.throughQuarter : undefined);
  const current = sumsOn(cur, basis);
  const previous = sumsOn(prev, basis);
  const nev = sumsOn(cur, basis, { nev: true });
  const unknownFen = (basis === "province" ? cur.province_unknown_fen : cur.circle_unknown_fen) ?? 0n;
  return { coverage, current, previous, nev, check: policyCheck(current, previous, nev), unknownFen };
}

export type YearNotice = "empty-ledger" | "not-in-data" | null;

/**
 * The year a dashboard shows: the one asked for when the ledger has it, else the latest
 * with entries (an empty or unknown year says so, rather than failing); `fallback` for an
 * empty ledger.
 */
export function resolveYear(
  asked: string | undefined,
  years: readonly number[],
  fallback: number,
): { year: number; notice: YearNotice; asked: string | null } {
  const text = asked?.trim() ?? "";
  if (years.length === 0) return { year: fallback, notice: "empty-ledger", asked: text || null };
  const latest = Math.max(...years);
  if (text === "") return { year: latest, notice: null, asked: null };
  const n = /^\d{4}$/.test(text) ? Number(text) : NaN;
  if (years.includes(n)) return { year: n, notice: null, asked: text };
  return { year: latest, notice: "not-in-data", asked: text };
}
