import { z } from "zod";
import { formatDate, formatDateTime } from "./format";

/**
 * Whether `s` is a calendar date written YYYY-MM-DD that exists: 2026-02-28 is one,
 * 2026-02-31 and 2026-13-01 are not (Date.parse accepts both and rolls them over, and
 * PostgreSQL then refuses the row). Years 1000–9999.
 */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1000) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A calendar date field (YYYY-MM-DD); its error is the message `form.date`. */
export const calendarDate = z.string().trim().refine(isCalendarDate, "form.date");

/**
 * The calendar day (YYYY-MM-DD) of an instant in China (UTC+8 all year, no daylight
 * saving), whatever the time zone and locale of the server or browser rendering it.
 * The same as format.ts's formatDate, which pages use.
 */
export function chinaDay(at: Date | string): string {
  return formatDate("zh", at);
}

/** The day and time (YYYY-MM-DD HH:MM) of an instant in China: format.ts's formatDateTime. */
export function chinaDateTime(at: Date | string): string {
  return formatDateTime("zh", at);
}
