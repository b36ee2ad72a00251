/**
 * The header's badges (unread notifications, suppliers waiting for verification) count up to
 * this many and then say "99+": the count stops there, so a page costs the same whatever the
 * length of the queue behind the badge (at 1M suppliers, counting a whole verification queue
 * on every official's page was most of the dashboard's database time: decision 022).
 */
export const HEADER_COUNT_CAP = 100;

/** What a badge shows for a count taken with HEADER_COUNT_CAP as its limit. */
export function headerCountText(n: number): string {
  return n >= HEADER_COUNT_CAP ? `${HEADER_COUNT_CAP - 1}+` : String(n);
}
