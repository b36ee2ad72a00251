import { provinceByAdcode } from "./provinces";

/** The 百公里配套圈: the policy's supply circle around a plant, km. */
export const POLICY_CIRCLE_KM = 100;

/** Province name of an administrative division code (GB/T 2260), or null. */
export function provinceOf(adcode: number | string): string | null {
  return provinceByAdcode(String(adcode).slice(0, 2).padEnd(6, "0"))?.zh ?? null;
}

export function inJilin(adcode: number | string): boolean {
  return String(adcode).startsWith("22");
}

/**
 * The frozen distance of a ledger entry (rounded to the metre) and whether it lies inside
 * the policy circle; an unknown distance is outside. The one rule for registered
 * suppliers (their nearest site) and for imported rows (their county or coordinates).
 */
export function circleLocality(km: number | null): { distance_km: number | null; inside_circle: boolean } {
  if (km === null) return { distance_km: null, inside_circle: false };
  const rounded = Math.round(km * 1000) / 1000;
  return { distance_km: rounded, inside_circle: rounded <= POLICY_CIRCLE_KM };
}
