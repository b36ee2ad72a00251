/** Money is integer fen. Parse "1,234.56" yuan to fen exactly (no floating point). */
export function parseYuanToFen(input: string): number | null {
  const s = input
    .trim()
    .replace(/[,，\s]/g, "")
    .replace(/^[¥￥]/, "");
  const m = s.match(/^(\d{1,13})(?:\.(\d{1,2}))?$/);
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** 123456 fen → "1,234.56" */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString("en-US");
  return `${sign}${yuan}.${String(abs % 100).padStart(2, "0")}`;
}

/** A whole number with thousands separated by commas (1,234), the same on server and browser. */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: 0 });
}

/**
 * Fen as whole yuan with thousands separated ("2,423,000"): rounded to the nearest yuan, or
 * up, for an amount still needed (2,422,999.70 needed is 2,423,000, never 2,422,999).
 */
export function formatWholeYuan(fen: number, rounding: "nearest" | "up" = "nearest"): string {
  const yuan = rounding === "up" ? Math.ceil(fen / 100) : Math.round(fen / 100);
  return formatCount(yuan === 0 ? 0 : yuan);
}
