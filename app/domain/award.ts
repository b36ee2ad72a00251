import { MAX_AMOUNT_FEN } from "./money";

/** A ledger period: the year and its quarter (1–4). */
export interface AwardPeriod {
  year: number;
  quarter: number;
  /** Taken from the demand's SOP (false: no SOP, the period of `today`). */
  fromSop: boolean;
}

/**
 * The period an award is posted to: the quarter of the demand's SOP, when the part starts
 * to be supplied (a demand with SOP in 2027 counts toward 2027's rate, not this year's);
 * without an SOP, the quarter of `today` (YYYY-MM-DD, China's calendar day).
 */
export function awardPeriod(sopDate: string | null, today: string): AwardPeriod {
  const day = sopDate ?? today;
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return { year, quarter: Math.floor((month - 1) / 3) + 1, fromSop: sopDate !== null };
}

/** What an award should warn about on the supplier's certificates for the demand. */
export interface CertificateWarnings {
  /** Required and not held at all. */
  missing: string[];
  /** Required and held, but every one of them expired before `today`. */
  expired: string[];
}

/**
 * Required certifications the supplier lacks or holds only expired (valid_until before
 * `today`; no validity date counts as valid).
 */
export function certificateWarnings(
  required: readonly string[],
  held: readonly { kind: string; valid_until: string | null }[],
  today: string,
): CertificateWarnings {
  const missing: string[] = [];
  const expired: string[] = [];
  for (const kind of required) {
    const mine = held.filter((c) => c.kind === kind);
    if (mine.length === 0) missing.push(kind);
    else if (mine.every((c) => c.valid_until !== null && c.valid_until < today)) expired.push(kind);
  }
  return { missing, expired };
}

/**
 * What a quote buys over a year: the quote (a unit price) times the demand's annual volume,
 * exactly (a bigint: 10^14 fen × 10^12 pieces is far past 2^53); the quote alone when the
 * demand states no annual volume (none, or 0: the award form reads 0 as none too).
 */
export function annualValueFen(quoteFen: number, volume: number | null): { fen: bigint; perUnit: boolean } {
  if (volume !== null && volume > 0) return { fen: BigInt(quoteFen) * BigInt(volume), perUnit: true };
  return { fen: BigInt(quoteFen), perUnit: false };
}

/**
 * The contract value an award form starts from: the quote's value over a year
 * (annualValueFen), when the product stays within the maximum amount; else the quote
 * itself. The buyer can change it before confirming.
 */
export function prefillAmountFen(
  quoteFen: number | null,
  volume: number | null,
): { fen: number; perUnit: boolean } | null {
  if (quoteFen === null) return null;
  const annual = annualValueFen(quoteFen, volume);
  if (annual.perUnit && annual.fen > 0n && annual.fen <= BigInt(MAX_AMOUNT_FEN))
    return { fen: Number(annual.fen), perUnit: true };
  return { fen: quoteFen, perUnit: false };
}
