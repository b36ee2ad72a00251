import type { FormValues } from "../../lib/forms.server";

// The profile form's thin coercion layer: its flat fields (site.0.lat, cert.1.kind,
// categories repeated, checkboxes "1") as the object `saveProfileInput` parses.

/** The form fields that repeat. */
export const PROFILE_ARRAYS = ["categories"] as const;

const rowIndexes = (values: FormValues, prefix: string) => {
  const indexes = new Set<number>();
  for (const key of Object.keys(values)) {
    const m = key.match(new RegExp(`^${prefix}\\.(\\d{1,2})\\.`));
    if (m) indexes.add(Number(m[1]));
  }
  return [...indexes].sort((a, b) => a - b);
};

/** Where a site known only by its place stands: the place's seat, its ± and whether it is a prefecture. */
export interface PlacePoint {
  lat: number;
  lng: number;
  radiusKm?: number | null;
  isCity?: boolean;
}

/**
 * The submitted values as the object the profile schema parses (and the profile form
 * shows again). Blank certification and site rows are left out; a site with a county but
 * no coordinates stands at the county's point when `countyPoints` knows it, with the
 * county's (or prefecture's) seat as its precision unless one was chosen. A seat precision
 * without a ± takes the place's.
 */
export function profileFromValues(values: FormValues, countyPoints: Map<number, PlacePoint> = new Map()) {
  const str = (k: string) => {
    const v = values[k];
    return typeof v === "string" ? v : Array.isArray(v) ? (v[0] ?? "") : "";
  };
  const sites = rowIndexes(values, "site")
    .map((i) => ({
      id: str(`site.${i}.id`) || undefined,
      label: str(`site.${i}.label`),
      adcode: str(`site.${i}.adcode`),
      lat: str(`site.${i}.lat`),
      lng: str(`site.${i}.lng`),
      datum: str(`site.${i}.datum`) || "wgs84",
      address: str(`site.${i}.address`),
      precision: str(`site.${i}.precision`),
      precisionKm: str(`site.${i}.precisionKm`),
      status: str(`site.${i}.status`) || "operating",
    }))
    .filter((s) => s.adcode || s.lat || s.lng || s.address || s.label)
    .map((s) => {
      // A county without coordinates stands at the county's point.
      const point = countyPoints.get(Number(s.adcode));
      const atSeat = !s.lat.trim() && !s.lng.trim() && point !== undefined;
      const site = atSeat ? { ...s, lat: String(point.lat), lng: String(point.lng), datum: "wgs84" } : s;
      const precision = site.precision || (atSeat ? (point.isCity ? "prefecture_seat" : "county_seat") : "exact");
      const seat = precision === "county_seat" || precision === "prefecture_seat";
      const precisionKm = site.precisionKm.trim() || (seat && point?.radiusKm ? String(point.radiusKm) : "");
      return { ...site, precision, precisionKm };
    });
  const certifications = rowIndexes(values, "cert")
    .map((i) => ({
      kind: str(`cert.${i}.kind`),
      name: str(`cert.${i}.name`),
      validUntil: str(`cert.${i}.validUntil`) || null,
    }))
    .filter((c) => c.kind);
  const employees = str("employees").trim();
  const categories = values.categories;
  return {
    nameZh: str("nameZh"),
    nameEn: str("nameEn"),
    productsZh: str("productsZh"),
    productsEn: str("productsEn"),
    categories: Array.isArray(categories) ? categories : categories ? [categories] : [],
    processes: str("processes"),
    certifications,
    annualCapacity: str("annualCapacity"),
    employees: employees === "" ? null : employees,
    nevCapable: str("nevCapable") === "1",
    customers: str("customers"),
    contactName: str("contactName"),
    contactPhone: str("contactPhone"),
    contactEmail: str("contactEmail"),
    sourceUrls: str("sourceUrls"),
    sites,
    confirmDuplicate: str("confirmDuplicate") === "1",
  };
}

/** A profile issue's form field name: sites.0.lat → site.0.lat, certifications.1 → cert.1.kind. */
export function profileFieldName(path: PropertyKey[]): string {
  const [head, index, field] = path.map(String);
  if (head === "sites") return `site.${index}.${field ?? "adcode"}`;
  if (head === "certifications") return `cert.${index}.${field ?? "kind"}`;
  return head ?? "_form";
}
