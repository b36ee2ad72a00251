// 本地配套率 = local procurement value / total procurement value, in integer fen.
// Two bases: "province" (the supplier is in Jilin) and "circle" (the supplier's site lies
// within 100 km of the plant). Reversal entries carry negative amounts, so sums net out.

export type Basis = "province" | "circle";

export const POLICY = {
  /** Reward threshold: at least 40% local supply (2021 reply of the provincial industry department). */
  minRate: 0.4,
  /** Reward for raising the rate by at least 3 percentage points over the previous year. */
  minRisePp: 3,
  /** NEV key parts: 70% by 2026 (吉政办发〔2024〕9号). */
  nevTarget: 0.7,
  nevTargetYear: 2026,
} as const;

export interface LedgerFact {
  amountFen: number;
  inJilin: boolean;
  insideCircle: boolean;
  year: number;
  quarter: number | null;
  nevKey: boolean;
  oemId: string;
  plantId?: string | null;
  group?: string;
  cityAdcode?: number | null;
}

export interface Sums {
  totalFen: number;
  localFen: number;
}

/** Ledger sums as the database reports them: the total and the local part on each basis, also for NEV key parts. */
export interface BasisSums {
  total_fen: number;
  province_fen: number;
  circle_fen: number;
  nev_total_fen: number;
  nev_province_fen: number;
  nev_circle_fen: number;
  /** Of the total, the part whose locality is unknown on each basis (decision 013). */
  province_unknown_fen?: number;
  circle_unknown_fen?: number;
}

/**
 * The part of the total whose supplier's locality is unknown on one basis: counted in the
 * total (the denominator), never in the local part, and shown apart (decision 013).
 */
export function unknownOn(row: BasisSums | undefined, basis: Basis): number {
  return (basis === "province" ? row?.province_unknown_fen : row?.circle_unknown_fen) ?? 0;
}

/** The rate were every purchase of unknown locality local: the top of the range the true rate lies in. */
export function rateIfUnknownLocal(s: Sums, unknownFen: number): number | null {
  return rate({ totalFen: s.totalFen, localFen: s.localFen + unknownFen });
}

/**
 * The total and local fen of one basis from ledger sums (absent sums: an empty period).
 * `nev` picks the NEV key parts' sums. The one place that chooses province or circle.
 */
export function sumsOn(row: BasisSums | undefined, basis: Basis, opts: { nev?: boolean } = {}): Sums {
  if (!row) return { totalFen: 0, localFen: 0 };
  if (opts.nev)
    return { totalFen: row.nev_total_fen, localFen: basis === "province" ? row.nev_province_fen : row.nev_circle_fen };
  return { totalFen: row.total_fen, localFen: basis === "province" ? row.province_fen : row.circle_fen };
}

export function isLocal(f: Pick<LedgerFact, "inJilin" | "insideCircle">, basis: Basis): boolean {
  return basis === "province" ? f.inJilin : f.insideCircle;
}

export function sumFacts(facts: LedgerFact[], basis: Basis): Sums {
  let totalFen = 0;
  let localFen = 0;
  for (const f of facts) {
    totalFen += f.amountFen;
    if (isLocal(f, basis)) localFen += f.amountFen;
  }
  return { totalFen, localFen };
}

/** The rate as a ratio, or null for an empty period (no procurement: no rate, not 0%). */
export function rate(s: Sums): number | null {
  return s.totalFen > 0 ? s.localFen / s.totalFen : null;
}

/** Change in percentage points, or null when either year has no rate. */
export function changePp(current: number | null, previous: number | null): number | null {
  return current === null || previous === null ? null : (current - previous) * 100;
}

/**
 * Fen of purchases that would have to move from outside suppliers to local ones (the
 * total unchanged) for the rate to reach `target`; 0 when it already does.
 */
export function fenToReach(s: Sums, target: number): number {
  if (s.totalFen <= 0) return 0;
  return Math.max(0, Math.ceil(target * s.totalFen - s.localFen));
}

export interface PolicyCheck {
  rate: number | null;
  previousRate: number | null;
  changePp: number | null;
  meetsMinRate: boolean;
  meetsRise: boolean;
  fenToMinRate: number;
  fenToRise: number | null;
  nevRate: number | null;
  meetsNevTarget: boolean;
  fenToNevTarget: number;
}

/** The policy checks of one OEM (or any scope) for a year. */
export function policyCheck(current: Sums, previous: Sums, nevCurrent: Sums): PolicyCheck {
  const r = rate(current);
  const p = rate(previous);
  const nev = rate(nevCurrent);
  const riseTarget = p === null ? null : p + POLICY.minRisePp / 100;
  return {
    rate: r,
    previousRate: p,
    changePp: changePp(r, p),
    meetsMinRate: r !== null && r >= POLICY.minRate,
    meetsRise: r !== null && p !== null && (r - p) * 100 >= POLICY.minRisePp - 1e-9,
    fenToMinRate: fenToReach(current, POLICY.minRate),
    fenToRise: riseTarget === null ? null : fenToReach(current, Math.min(1, riseTarget)),
    nevRate: nev,
    meetsNevTarget: nev !== null && nev >= POLICY.nevTarget,
    fenToNevTarget: fenToReach(nevCurrent, POLICY.nevTarget),
  };
}

/** Ledger sums of one year (rows of a per-year query). */
export type YearSums = BasisSums & { year?: number };

/**
 * A year's sums and policy check on one basis, from per-year ledger sums: the year against
 * the one before it, and its NEV key parts. The one place that pairs a year with its
 * previous year for the policy.
 */
export function yearCheck(
  byYear: readonly YearSums[],
  year: number | null,
  basis: Basis,
): { current: Sums; previous: Sums; nev: Sums; check: PolicyCheck } {
  const cur = year === null ? undefined : byYear.find((r) => r.year === year);
  const prev = year === null ? undefined : byYear.find((r) => r.year === year - 1);
  const current = sumsOn(cur, basis);
  const previous = sumsOn(prev, basis);
  const nev = sumsOn(cur, basis, { nev: true });
  return { current, previous, nev, check: policyCheck(current, previous, nev) };
}

export interface YearRate extends Sums {
  year: number;
  rate: number | null;
  /** Against the year before, when that year has entries too. */
  changePp: number | null;
  /** The rate on each basis (the trend chart draws both). */
  rates: Record<Basis, number | null>;
  /** Of the total, fen whose locality is unknown on this basis. */
  unknownFen: number;
}

/** The rate of each year on one basis, in year order, with its change over the previous year. */
export function yearSeries(byYear: readonly YearSums[], basis: Basis): YearRate[] {
  const rows = byYear
    .filter((r): r is YearSums & { year: number } => typeof r.year === "number")
    .sort((a, b) => a.year - b.year);
  return rows.map((r, i) => {
    const s = sumsOn(r, basis);
    const prev = rows[i - 1]?.year === r.year - 1 ? rows[i - 1] : undefined;
    return {
      year: r.year,
      ...s,
      rate: rate(s),
      changePp: prev ? changePp(rate(s), rate(sumsOn(prev, basis))) : null,
      rates: { province: rate(sumsOn(r, "province")), circle: rate(sumsOn(r, "circle")) },
      unknownFen: unknownOn(r, basis),
    };
  });
}

/** What-if: the rate after a new purchase of `fen` from a local supplier. */
export function rateIfAwardedLocally(s: Sums, fen: number): number | null {
  return rate({ totalFen: s.totalFen + fen, localFen: s.localFen + fen });
}

/** Sums per key (OEM, group, city, year, quarter …) for one basis. */
export function groupSums<K extends string | number>(
  facts: LedgerFact[],
  key: (f: LedgerFact) => K | null | undefined,
  basis: Basis,
): Map<K, Sums> {
  const out = new Map<K, Sums>();
  for (const f of facts) {
    const k = key(f);
    if (k === null || k === undefined) continue;
    const s = out.get(k) ?? { totalFen: 0, localFen: 0 };
    s.totalFen += f.amountFen;
    if (isLocal(f, basis)) s.localFen += f.amountFen;
    out.set(k, s);
  }
  return out;
}

/** 0.4567 → "45.7%" */
export function formatRate(r: number | null): string {
  return r === null ? "—" : `${(Math.round(r * 1000) / 10).toFixed(1)}%`;
}

export function formatPp(pp: number | null): string {
  return pp === null ? "—" : `${pp >= 0 ? "+" : ""}${(Math.round(pp * 10) / 10).toFixed(1)} pp`;
}
