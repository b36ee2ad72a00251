import { formatNumber } from "./format";
import { z } from "zod";

// Money is integer fen. One amount a user enters (a quote, a contract value, a row of a
// procurement import) is at most MAX_AMOUNT_FEN and travels as a JS number (exact: far
// below 2^53). Sums of amounts can pass 2^53 fen (an OEM with a million rows near the
// maximum), so they are bigint from the database to the formatter, and reach JSON as
// decimal strings (moneyJson).

/** The largest amount of one quote, contract or imported row: ¥1,000,000,000,000 (10^14 fen). */
export const MAX_AMOUNT_FEN = 100_000_000_000_000;
/** The same in yuan, as the messages name it. */
export const MAX_AMOUNT_YUAN_TEXT = "1,000,000,000,000";

/** An amount in fen as the schemas of quotes and contracts take it: an integer from `min` to the maximum. */
export const fenAmount = (min: 0 | 1) =>
  z
    .number()
    .int()
    .min(min)
    .max(MAX_AMOUNT_FEN, { error: `at most ${MAX_AMOUNT_FEN} fen (CNY ${MAX_AMOUNT_YUAN_TEXT})` });

/** The form message of an amount's issue: above the maximum, or not an amount. */
export const moneyMessage = (issue: { code: string }): "form.moneyTooLarge" | "form.money" =>
  issue.code === "too_big" ? "form.moneyTooLarge" : "form.money";

export type YuanReading = { ok: true; fen: number } | { ok: false; reason: "format" | "too_large" };

/** "1,234.56" yuan (¥ and separators allowed) to fen exactly, or why not: malformed, or above the maximum. */
export function readYuan(input: string): YuanReading {
  const s = input
    .trim()
    .replace(/[,，\s]/g, "")
    .replace(/^[¥￥]/, "");
  const m = s.match(/^(\d{1,40})(?:\.(\d{1,2}))?$/);
  if (!m) return { ok: false, reason: "format" };
  const fen = BigInt(m[1]!) * 100n + BigInt((m[2] ?? "").padEnd(2, "0"));
  if (fen > BigInt(MAX_AMOUNT_FEN)) return { ok: false, reason: "too_large" };
  return { ok: true, fen: Number(fen) };
}

/** Parse "1,234.56" yuan to fen exactly (no floating point); null when malformed or above the maximum. */
export function parseYuanToFen(input: string): number | null {
  const r = readYuan(input);
  return r.ok ? r.fen : null;
}

/** Fen as the exact integer it is: a sum from the database (bigint or its decimal text) or one amount. */
export function toFen(value: bigint | number | string): bigint {
  if (typeof value === "bigint") return value;
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new RangeError(`${value} is not an exact number of fen`);
    return BigInt(value);
  }
  if (!/^-?\d+$/.test(value)) throw new RangeError(`${JSON.stringify(value)} is not a number of fen`);
  return BigInt(value);
}

const group3 = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/**
 * Fen as yuan with two decimals and thousands separators, exactly at any size: 123456 →
 * "1,234.56". `decimals: 0` rounds to whole yuan (half away from zero).
 */
export function formatFen(value: bigint | number | string, opts: { decimals?: 0 | 2 } = {}): string {
  const fen = toFen(value);
  const sign = fen < 0n ? "-" : "";
  const abs = fen < 0n ? -fen : fen;
  if (opts.decimals === 0) return `${sign}${group3(((abs + 50n) / 100n).toString())}`;
  return `${sign}${group3((abs / 100n).toString())}.${(abs % 100n).toString().padStart(2, "0")}`;
}

/**
 * Fen as 万元 (10,000 yuan) with up to `decimals` places, exactly (half away from zero):
 * 12_345_678_900 fen → "12,345.68".
 */
export function formatWan(value: bigint | number | string, decimals: 0 | 1 | 2 | 4 = 2): string {
  const fen = toFen(value);
  const sign = fen < 0n ? "-" : "";
  const abs = fen < 0n ? -fen : fen;
  const unit = 10n ** BigInt(6 - decimals); // fen per last shown digit
  const scaled = (abs + unit / 2n) / unit;
  const whole = scaled / 10n ** BigInt(decimals);
  const frac = (scaled % 10n ** BigInt(decimals)).toString().padStart(decimals, "0");
  return `${sign}${group3(whole.toString())}${decimals ? `.${frac}` : ""}`;
}

/** Fen as exact yuan for a spreadsheet or CSV: "1234.56", "-0.05" (no separators). */
export function fenToYuanDecimal(value: bigint | number | string): string {
  const fen = toFen(value);
  const abs = fen < 0n ? -fen : fen;
  return `${fen < 0n ? "-" : ""}${(abs / 100n).toString()}.${(abs % 100n).toString().padStart(2, "0")}`;
}

/** Order of two exact yuan decimals ("1234.56"), as fen. */
export function compareYuanDecimal(a: string, b: string): number {
  const fen = (s: string) => toFen(s.replace(".", ""));
  const x = fen(a);
  const y = fen(b);
  return x === y ? 0 : x < y ? -1 : 1;
}

/** A sum of fen for JSON (pages, the API): its exact decimal text, since JSON numbers past 2^53 lose digits. */
export function moneyJson(value: bigint): string {
  return value.toString();
}

/** A whole number with thousands separated by commas (1,234), the same on server and browser. */
export function formatCount(n: number): string {
  return formatNumber("en", n);
}

/**
 * Fen as whole yuan with thousands separated ("2,423,000"): rounded to the nearest yuan, or
 * up, for an amount still needed (2,422,999.70 needed is 2,423,000, never 2,422,999).
 */
export function formatWholeYuan(value: bigint | number | string, rounding: "nearest" | "up" = "nearest"): string {
  const fen = toFen(value);
  const yuan =
    rounding === "up"
      ? fen <= 0n
        ? -(-fen / 100n)
        : (fen + 99n) / 100n
      : fen < 0n
        ? -((-fen + 50n) / 100n)
        : (fen + 50n) / 100n;
  return `${yuan < 0n ? "-" : ""}${group3((yuan < 0n ? -yuan : yuan).toString())}`;
}

// ---- Money as officials read it: 万元 in tables, 亿元 for totals, exact 元 in tooltips ----

/** The units money is shown in: 元, 万元 (10^4 yuan), 亿元 (10^8 yuan). */
export type MoneyUnit = "yuan" | "wan" | "yi";
/** Fen in one unit of each. */
const FEN_PER_UNIT: Record<MoneyUnit, bigint> = { yuan: 100n, wan: 1_000_000n, yi: 10_000_000_000n };

/** Each unit's name in each language ("万元"; "CNY 10k"). */
export const MONEY_UNIT_NAMES: Record<"zh" | "en", Record<MoneyUnit, string>> = {
  zh: { yuan: "元", wan: "万元", yi: "亿元" },
  en: { yuan: "CNY", wan: "CNY 10k", yi: "CNY 100m" },
};

/**
 * Fen in a unit with `decimals` places and thousands separators, exactly (half away from
 * zero, on the integer fen): 12_345_678_900 fen in 万元 → "12,345.68"; in 亿元 → "1.23".
 */
export function formatInUnit(
  value: bigint | number | string,
  unit: MoneyUnit,
  decimals: 0 | 1 | 2 = 2,
  rounding: "nearest" | "up" = "nearest",
): string {
  const fen = toFen(value);
  const neg = fen < 0n;
  const abs = neg ? -fen : fen;
  const step = 10n ** BigInt(decimals);
  const per = FEN_PER_UNIT[unit];
  // Nearest (half away from zero), or up for an amount still needed (never shown short of it).
  const scaled = rounding === "up" && !neg ? (abs * step + per - 1n) / per : (abs * step * 2n + per) / (per * 2n);
  const whole = scaled / step;
  const frac = (scaled % step).toString().padStart(decimals, "0");
  const sign = neg && scaled > 0n ? "-" : "";
  return `${sign}${group3(whole.toString())}${decimals ? `.${frac}` : ""}`;
}

/** Fen in 亿元 (10^8 yuan) with two places: 12_345_678_900_000 fen → "1,234.57". */
export function formatYi(value: bigint | number | string, decimals: 0 | 1 | 2 = 2): string {
  return formatInUnit(value, "yi", decimals);
}

/** Fen in a unit with the unit's name after it: "12,345.68 万元", "12,345.68 CNY 10k". */
export function formatMoneyIn(
  value: bigint | number | string,
  unit: MoneyUnit,
  lang: "zh" | "en",
  rounding: "nearest" | "up" = "nearest",
): string {
  return `${formatInUnit(value, unit, 2, rounding)} ${MONEY_UNIT_NAMES[lang][unit]}`;
}

/** The exact amount a tooltip shows: "12,345,678.90 元" / "CNY 12,345,678.90". */
export function formatExactYuan(value: bigint | number | string, lang: "zh" | "en"): string {
  return lang === "zh" ? `${formatFen(value)} 元` : `CNY ${formatFen(value)}`;
}

/** A total as a headline: 亿元 from ¥100 million up (1.23 亿元), 万元 below it (456.78 万元); an amount still needed rounded up. */
export function formatTotal(
  value: bigint | number | string,
  lang: "zh" | "en",
  rounding: "nearest" | "up" = "nearest",
): string {
  const fen = toFen(value);
  const abs = fen < 0n ? -fen : fen;
  return formatMoneyIn(fen, abs >= FEN_PER_UNIT.yi ? "yi" : "wan", lang, rounding);
}
