// The officials' instruments (issue 15): the rules behind new in-province supply, the
// reward of a new entrant's production project, the reward verdicts and the what-if both
// ways. Pure: sums in, figures out. Money is integer fen (bigint); comparisons are exact.
// Not app/domain/policy.ts, which is the authorization module.

import { fenToReach, POLICY, rate, reaches, riseTarget, type Fraction, type Sums } from "./rates";

/** The reward of a new entrant's production project: a share of the equipment investment, capped, above a threshold. */
export interface EntrantRewardRule {
  /** Share of the equipment investment, in percent (5). */
  ratePercent: number;
  /** At most this many fen (¥2,000,000 = 200,000,000 fen). */
  capFen: bigint;
  /** Only projects whose total investment is MORE than this many fen (¥30,000,000). */
  minTotalInvestmentFen: bigint;
}

export const DEFAULT_ENTRANT_REWARD: EntrantRewardRule = {
  ratePercent: 5,
  capFen: 200_000_000n,
  minTotalInvestmentFen: 3_000_000_000n,
};

export type RewardOutcome =
  | { eligible: true; rewardFen: bigint; capped: boolean }
  | { eligible: false; rewardFen: 0n; reason: "below_threshold" | "no_project" };

/**
 * The reward of a project: `ratePercent` of the equipment investment, rounded down to the
 * fen, at most `capFen`; nothing unless the total investment is strictly above the threshold.
 */
export function entrantReward(
  project: { totalInvestmentFen: bigint; equipmentInvestmentFen: bigint } | null,
  rule: EntrantRewardRule,
): RewardOutcome {
  if (!project) return { eligible: false, rewardFen: 0n, reason: "no_project" };
  if (project.totalInvestmentFen <= rule.minTotalInvestmentFen)
    return { eligible: false, rewardFen: 0n, reason: "below_threshold" };
  const scaled = BigInt(Math.round(rule.ratePercent * 1000));
  const share = (project.equipmentInvestmentFen * scaled) / 100_000n;
  return share > rule.capFen
    ? { eligible: true, rewardFen: rule.capFen, capped: true }
    : { eligible: true, rewardFen: share, capped: false };
}

/** The change of local procurement between two years on one basis. */
export interface SupplyChange {
  previousFen: bigint;
  currentFen: bigint;
  changeFen: bigint;
}

/** 新增省内配套额: this year's local value minus the year before's (negative when it fell). */
export function supplyChange(previousFen: bigint, currentFen: bigint): SupplyChange {
  return { previousFen, currentFen, changeFen: currentFen - previousFen };
}

export type Verdict = "met" | "not_met" | "not_applicable";

export interface VerdictFigures {
  verdict: Verdict;
  /** Why not applicable: no procurement, no previous year, or before the NEV target year. */
  reason: "no_procurement" | "no_previous_year" | "before_target_year" | null;
  rate: number | null;
  /** The rate that decides it, as a ratio (0.4; the previous rate + 0.03; 0.7). */
  threshold: number | null;
  /** Fen that would have to move to local suppliers to meet it (0 when met). */
  fenNeeded: bigint | null;
}

export interface Verdicts {
  minRate: VerdictFigures;
  rise: VerdictFigures & { previousRate: number | null; changePp: number | null };
  nev: VerdictFigures;
}

const pct = (p: number): Fraction => ({ num: BigInt(Math.round(p * 1000)), den: 100_000n });
const fracValue = (f: Fraction) => Number((f.num * 1_000_000n) / f.den) / 1_000_000;

/**
 * One verdict per policy test for a year: at least 40%; a rise of 3 points over the year
 * before; NEV key parts at least 70% from the target year on. Exact on the sums.
 */
export function verdictsOf(year: number, current: Sums, previous: Sums, nev: Sums): Verdicts {
  const r = rate(current);
  const minRate: VerdictFigures =
    current.totalFen > 0n
      ? {
          verdict: reaches(current, pct(POLICY.minRate * 100)) ? "met" : "not_met",
          reason: null,
          rate: r,
          threshold: POLICY.minRate,
          fenNeeded: fenToReach(current, pct(POLICY.minRate * 100)),
        }
      : { verdict: "not_applicable", reason: "no_procurement", rate: null, threshold: POLICY.minRate, fenNeeded: null };
  const p = rate(previous);
  const target = riseTarget(previous);
  let rise: Verdicts["rise"];
  if (current.totalFen <= 0n)
    rise = {
      verdict: "not_applicable",
      reason: "no_procurement",
      rate: null,
      threshold: null,
      fenNeeded: null,
      previousRate: p,
      changePp: null,
    };
  else if (target === null || p === null)
    rise = {
      verdict: "not_applicable",
      reason: "no_previous_year",
      rate: r,
      threshold: null,
      fenNeeded: null,
      previousRate: null,
      changePp: null,
    };
  else {
    const met = current.localFen * target.den >= target.num * current.totalFen;
    rise = {
      verdict: met ? "met" : "not_met",
      reason: null,
      rate: r,
      threshold: fracValue(target),
      fenNeeded: fenToReach(current, target),
      previousRate: p,
      changePp: r === null ? null : (r - p) * 100,
    };
  }
  let nevV: VerdictFigures;
  if (year < POLICY.nevTargetYear)
    nevV = {
      verdict: "not_applicable",
      reason: "before_target_year",
      rate: rate(nev),
      threshold: POLICY.nevTarget,
      fenNeeded: null,
    };
  else if (nev.totalFen <= 0n)
    nevV = {
      verdict: "not_applicable",
      reason: "no_procurement",
      rate: null,
      threshold: POLICY.nevTarget,
      fenNeeded: null,
    };
  else
    nevV = {
      verdict: reaches(nev, pct(POLICY.nevTarget * 100)) ? "met" : "not_met",
      reason: null,
      rate: rate(nev),
      threshold: POLICY.nevTarget,
      fenNeeded: fenToReach(nev, pct(POLICY.nevTarget * 100)),
    };
  return { minRate, rise, nev: nevV };
}

/**
 * Whether a year's figures are provisional: the year is not over yet, or its entries do
 * not cover all four quarters (entries without a quarter cover none).
 */
export function isProvisional(year: number, quartersWithEntries: readonly number[], today: Date): boolean {
  if (year >= today.getUTCFullYear()) return true;
  return [1, 2, 3, 4].some((q) => !quartersWithEntries.includes(q));
}

/** What the what-if adds: fen counted local on the basis, and fen that is not local on it. */
export interface WhatIfAmount {
  localFen: bigint;
  otherFen: bigint;
}

export interface WhatIfWays {
  before: number | null;
  /** Purchases move from outside suppliers to local ones: the total is unchanged. */
  moving: { totalFen: bigint; localFen: bigint; rate: number | null; movedFen: bigint };
  /** New local purchases are added: both the local part and the total grow. */
  adding: { totalFen: bigint; localFen: bigint; rate: number | null };
}

/**
 * The rate after the amount, both ways. Moving: at most the outside part can move (the
 * total stays); non-local fen changes nothing. Adding: local fen grows both sums, the rest
 * only the total.
 */
export function whatIfBothWays(s: Sums, amount: WhatIfAmount): WhatIfWays {
  const outside = s.totalFen - s.localFen;
  const movedFen = amount.localFen < outside ? amount.localFen : outside > 0n ? outside : 0n;
  const moving = { totalFen: s.totalFen, localFen: s.localFen + movedFen };
  const adding = {
    totalFen: s.totalFen + amount.localFen + amount.otherFen,
    localFen: s.localFen + amount.localFen,
  };
  return {
    before: rate(s),
    moving: { ...moving, rate: rate(moving), movedFen },
    adding: { ...adding, rate: rate(adding) },
  };
}

/**
 * Fen of NEW local purchases (added to both sums) for the rate to reach `target`: the
 * smallest whole x with (local + x) / (total + x) ≥ target; null when it cannot (a target
 * of 100% with outside purchases); 0 when it already does.
 */
export function fenToReachAdding(s: Sums, target: Fraction): bigint | null {
  // (L + x)·den ≥ num·(T + x)  ⇔  x·(den − num) ≥ num·T − den·L
  const need = target.num * s.totalFen - target.den * s.localFen;
  if (need <= 0n) return 0n;
  const per = target.den - target.num;
  if (per <= 0n) return null;
  return (need + per - 1n) / per;
}

/** A threshold of the what-if: its rate as a fraction and the fen needed both ways. */
export interface NeededAmount {
  test: "min_rate" | "rise" | "nev_target";
  threshold: number;
  moving: bigint;
  adding: bigint | null;
}

/**
 * The fen needed to reach each threshold that applies to the scope, both ways: all parts
 * are held to 40% and to the year before's rate + 3 points; NEV key parts to 70%.
 */
export function neededAmounts(s: Sums, previous: Sums, nevOnly: boolean): NeededAmount[] {
  const targets: { test: NeededAmount["test"]; f: Fraction }[] = nevOnly
    ? [{ test: "nev_target", f: pct(POLICY.nevTarget * 100) }]
    : [{ test: "min_rate", f: pct(POLICY.minRate * 100) }];
  if (!nevOnly) {
    const rise = riseTarget(previous);
    if (rise) targets.push({ test: "rise", f: rise });
  }
  return targets.map(({ test, f }) => ({
    test,
    threshold: fracValue(f),
    moving: s.totalFen > 0n ? fenToReach(s, f) : 0n,
    adding: fenToReachAdding(s, f),
  }));
}
