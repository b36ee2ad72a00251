import { formatPoints, type FormatLang } from "./format";
// 本地配套率 = local procurement value / total procurement value, in integer fen.
// Two bases: "province" (the supplier is in Jilin) and "circle" (the supplier's site lies
// within 100 km of the plant). Reversal entries carry negative amounts, so sums net out.
// Sums are bigint (they can pass 2^53 fen); the policy checks compare them exactly, as
// fractions; only a rate shown to people is a floating-point ratio.

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
  totalFen: bigint;
  localFen: bigint;
}

/** Ledger sums as the database reports them: the total and the local part on each basis, also for NEV key parts. */
export interface BasisSums {
  total_fen: bigint;
  province_fen: bigint;
  circle_fen: bigint;
  nev_total_fen: bigint;
  nev_province_fen: bigint;
  nev_circle_fen: bigint;
  /** Of the total, the part whose locality is unknown on each basis (decision 013). */
  province_unknown_fen?: bigint;
  circle_unknown_fen?: bigint;
}

/** A policy figure as an exact fraction (40% = 40/100), so that sums are compared without rounding. */
export interface Fraction {
  num: bigint;
  den: bigint;
}
/** p percent as a fraction (to a thousandth of a point): 40 → 40/100. */
const percent = (p: number): Fraction => ({ num: BigInt(Math.round(p * 1000)), den: 100_000n });

/** Digits of precision of a ratio computed from sums past 2^53 (far beyond what a rate shows). */
const RATIO_SCALE = 10n ** 15n;

/**
 * a / b as a floating-point number: exact rounding while both are safe integers, else from
 * a scaled bigint quotient (15 significant digits), never from a number past 2^53.
 */
export function ratio(a: bigint, b: bigint): number {
  const safe = BigInt(Number.MAX_SAFE_INTEGER);
  const abs = (x: bigint) => (x < 0n ? -x : x);
  if (abs(a) <= safe && abs(b) <= safe) return Number(a) / Number(b);
  return Number((a * RATIO_SCALE) / b) / Number(RATIO_SCALE);
}

/**
 * The part of the total whose supplier's locality is unknown on one basis: counted in the
 * total (the denominator), never in the local part, and shown apart (decision 013).
 */
export function unknownOn(row: BasisSums | undefined, basis: Basis): bigint {
  return (basis === "province" ? row?.province_unknown_fen : row?.circle_unknown_fen) ?? 0n;
}

/** The rate were every purchase of unknown locality local: the top of the range the true rate lies in. */
export function rateIfUnknownLocal(s: Sums, unknownFen: bigint): number | null {
  return rate({ totalFen: s.totalFen, localFen: s.localFen + unknownFen });
}

/**
 * The total and local fen of one basis from ledger sums (absent sums: an empty period).
 * `nev` picks the NEV key parts' sums. The one place that chooses province or circle.
 */
export function sumsOn(row: BasisSums | undefined, basis: Basis, opts: { nev?: boolean } = {}): Sums {
  if (!row) return { totalFen: 0n, localFen: 0n };
  if (opts.nev)
    return { totalFen: row.nev_total_fen, localFen: basis === "province" ? row.nev_province_fen : row.nev_circle_fen };
  return { totalFen: row.total_fen, localFen: basis === "province" ? row.province_fen : row.circle_fen };
}

export function isLocal(f: Pick<LedgerFact, "inJilin" | "insideCircle">, basis: Basis): boolean {
  return basis === "province" ? f.inJilin : f.insideCircle;
}

export function sumFacts(facts: LedgerFact[], basis: Basis): Sums {
  let totalFen = 0n;
  let localFen = 0n;
  for (const f of facts) {
    totalFen += BigInt(f.amountFen);
    if (isLocal(f, basis)) localFen += BigInt(f.amountFen);
  }
  return { totalFen, localFen };
}

/** The rate as a ratio, or null for an empty period (no procurement: no rate, not 0%). */
export function rate(s: Sums): number | null {
  return s.totalFen > 0n ? ratio(s.localFen, s.totalFen) : null;
}

/** Whether the local part reaches `target` of the total, exactly. */
export function reaches(s: Sums, target: Fraction): boolean {
  return s.totalFen > 0n && s.localFen * target.den >= target.num * s.totalFen;
}

/** Change in percentage points, or null when either year has no rate. */
export function changePp(current: number | null, previous: number | null): number | null {
  return current === null || previous === null ? null : (current - previous) * 100;
}

/**
 * Fen of purchases that would have to move from outside suppliers to local ones (the
 * total unchanged) for the rate to reach `target` (a ratio, or an exact fraction); 0 when
 * it already does. Exact: the smallest whole fen, rounded up.
 */
export function fenToReach(s: Sums, target: number | Fraction): bigint {
  if (s.totalFen <= 0n) return 0n;
  const t = typeof target === "number" ? percent(target * 100) : target;
  const need = t.num * s.totalFen - t.den * s.localFen; // in fen × den
  if (need <= 0n) return 0n;
  return (need + t.den - 1n) / t.den;
}

export interface PolicyCheck {
  rate: number | null;
  previousRate: number | null;
  changePp: number | null;
  meetsMinRate: boolean;
  meetsRise: boolean;
  fenToMinRate: bigint;
  fenToRise: bigint | null;
  nevRate: number | null;
  meetsNevTarget: boolean;
  fenToNevTarget: bigint;
}

/**
 * The rate a year must reach to rise by the policy's points over `previous`, as an exact
 * fraction (previous local / previous total + 3/100), at most 100%; null without a previous rate.
 */
export function riseTarget(previous: Sums): Fraction | null {
  if (previous.totalFen <= 0n) return null;
  const rise = percent(POLICY.minRisePp);
  const den = previous.totalFen * rise.den;
  const num = previous.localFen * rise.den + rise.num * previous.totalFen;
  return num >= den ? { num: 1n, den: 1n } : { num, den };
}

/** The policy checks of one OEM (or any scope) for a year, compared exactly on the sums. */
export function policyCheck(current: Sums, previous: Sums, nevCurrent: Sums): PolicyCheck {
  const r = rate(current);
  const p = rate(previous);
  const nev = rate(nevCurrent);
  const rise = riseTarget(previous);
  // Rising by the points: local/total − prevLocal/prevTotal ≥ 3/100, cross-multiplied.
  const minRise = percent(POLICY.minRisePp);
  const meetsRise =
    r !== null &&
    p !== null &&
    (current.localFen * previous.totalFen - previous.localFen * current.totalFen) * minRise.den >=
      minRise.num * current.totalFen * previous.totalFen;
  return {
    rate: r,
    previousRate: p,
    changePp: changePp(r, p),
    meetsMinRate: reaches(current, percent(POLICY.minRate * 100)),
    meetsRise,
    fenToMinRate: fenToReach(current, percent(POLICY.minRate * 100)),
    fenToRise: rise === null ? null : fenToReach(current, rise),
    nevRate: nev,
    meetsNevTarget: reaches(nevCurrent, percent(POLICY.nevTarget * 100)),
    fenToNevTarget: fenToReach(nevCurrent, percent(POLICY.nevTarget * 100)),
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
  unknownFen: bigint;
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
export function rateIfAwardedLocally(s: Sums, fen: number | bigint): number | null {
  return rate({ totalFen: s.totalFen + BigInt(fen), localFen: s.localFen + BigInt(fen) });
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
    const s = out.get(k) ?? { totalFen: 0n, localFen: 0n };
    s.totalFen += BigInt(f.amountFen);
    if (isLocal(f, basis)) s.localFen += BigInt(f.amountFen);
    out.set(k, s);
  }
  return out;
}

/** 0.4567 → "45.7%" */
export function formatRate(r: number | null): string {
  return r === null ? "—" : `${(Math.round(r * 1000) / 10).toFixed(1)}%`;
}

/** A change in percentage points in the page's language (个百分点 in Chinese; format.ts). */
export function formatPp(pp: number | null, lang: FormatLang = "en"): string {
  return formatPoints(lang, pp);
}
