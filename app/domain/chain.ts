// 产业链图谱: the rules of the chain map, pure. A cell is one part category at one plant
// (or one OEM, its plants taken together): who can supply it inside the 100 km circle,
// how much of it is bought locally, and how much is wanted. docs/decisions/015-chain-map.md.

import type { Basis } from "./rates";
import { ratio } from "./rates";

export const CHAIN_STATUSES = ["covered", "thin", "gap"] as const;
export type ChainStatus = (typeof CHAIN_STATUSES)[number];

/** The thresholds of the colour rule (configured in app/features/chain/config.ts). */
export interface ChainThresholds {
  /** Fewer verified suppliers inside the circle than this: a gap (缺链). */
  thinMinVerified: number;
  /** At least this many verified suppliers inside the circle (and the share below): covered. */
  coveredMinVerified: number;
  /** Covered also needs at least this local share (0..1) of the category's procurement on the chosen basis, where there is any. */
  coveredMinShare: number;
}

/** Ledger sums of one cell for one year, in fen; reversals are negative entries, so they net out. */
export interface CellLedger {
  totalFen: bigint;
  provinceFen: bigint;
  circleFen: bigint;
  provinceUnknownFen: bigint;
  circleUnknownFen: bigint;
  entries: number;
}

export const EMPTY_LEDGER: CellLedger = {
  totalFen: 0n,
  provinceFen: 0n,
  circleFen: 0n,
  provinceUnknownFen: 0n,
  circleUnknownFen: 0n,
  entries: 0,
};

/** The local share on one basis: null when the cell has no procurement (no share, not 0%). */
export function localShare(l: CellLedger, basis: Basis): number | null {
  if (l.totalFen <= 0n) return null;
  return ratio(basis === "province" ? l.provinceFen : l.circleFen, l.totalFen);
}

/**
 * Bought from outside the province: the total less the part in Jilin and the part whose
 * province is unknown (decision 013: unknown is never counted as either).
 */
export function outOfProvinceFen(l: CellLedger): bigint {
  return l.totalFen - l.provinceFen - l.provinceUnknownFen;
}

/**
 * The colour of a cell:
 * - gap (缺链): fewer than `thinMinVerified` verified suppliers inside the circle;
 * - covered: at least `coveredMinVerified` verified suppliers inside, and a local share on the
 *   chosen basis of at least `coveredMinShare` (a cell without procurement passes this test);
 * - thin: anything between.
 * Exact: the share is compared as fen, never as a rounded ratio.
 */
export function cellStatus(
  cell: { verifiedInside: number; ledger: CellLedger },
  basis: Basis,
  t: ChainThresholds,
): ChainStatus {
  if (cell.verifiedInside < t.thinMinVerified) return "gap";
  if (cell.verifiedInside < t.coveredMinVerified) return "thin";
  const l = cell.ledger;
  if (l.totalFen <= 0n) return "covered";
  const local = basis === "province" ? l.provinceFen : l.circleFen;
  const scale = 100_000n;
  const needed = BigInt(Math.round(t.coveredMinShare * Number(scale)));
  return local * scale >= needed * l.totalFen ? "covered" : "thin";
}

/** The heatmap's value of a status (0 gap, 1 thin, 2 covered): the visual map's pieces. */
export function statusValue(s: ChainStatus): number {
  return s === "gap" ? 0 : s === "thin" ? 1 : 2;
}
