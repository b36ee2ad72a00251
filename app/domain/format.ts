/**
 * The one way dates and numbers are written on a page, on the server and in the browser
 * alike: an explicit locale per language and China's time zone, never the machine's or the
 * browser's (toLocaleString gave 11/23/2026 on the server of a Chinese page and another
 * text in a German browser, and React reported the difference as a hydration error).
 */

export type FormatLang = "zh" | "en";

export const TIME_ZONE = "Asia/Shanghai";
const LOCALE: Record<FormatLang, string> = { zh: "zh-CN", en: "en-US" };

const dateParts = new Intl.DateTimeFormat("en-US", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function partsOf(at: Date | string | number) {
  const d = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(d.getTime())) return null;
  const p = Object.fromEntries(dateParts.formatToParts(d).map((x) => [x.type, x.value]));
  return { y: p.year!, m: p.month!, d: p.day!, hh: p.hour === "24" ? "00" : p.hour!, mm: p.minute! };
}

/**
 * The calendar day of an instant in China, written YYYY-MM-DD in both languages (the
 * officials' and the ISO way; unambiguous to an English reader too).
 */
export function formatDate(_lang: FormatLang, at: Date | string | number): string {
  const p = partsOf(at);
  return p ? `${p.y}-${p.m}-${p.d}` : "—";
}

/** The day and time (24-hour clock) of an instant in China: 2026-11-23 13:05. */
export function formatDateTime(_lang: FormatLang, at: Date | string | number): string {
  const p = partsOf(at);
  return p ? `${p.y}-${p.m}-${p.d} ${p.hh}:${p.mm}` : "—";
}

const numberFormats = new Map<string, Intl.NumberFormat>();
/** A number with thousands separated (1,234.5), with at most `digits` decimals. */
export function formatNumber(lang: FormatLang, n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "—";
  const key = `${lang}|${digits}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: digits, minimumFractionDigits: 0 });
    numberFormats.set(key, f);
  }
  return f.format(n);
}

/** A change of a rate in percentage points: "+3.0 个百分点" in Chinese, "+3.0 pp" in English. */
export function formatPoints(lang: FormatLang, pp: number | null): string {
  if (pp === null || !Number.isFinite(pp)) return "—";
  const n = `${pp >= 0 ? "+" : ""}${(Math.round(pp * 10) / 10).toFixed(1)}`;
  return lang === "zh" ? `${n} 个百分点` : `${n} pp`;
}
