import { z } from "zod";

// The officials' verification queue: what a supplier's profile still lacks, and what changed
// since the last decision on it (against the snapshot kept with that decision). Pure.

/** The levels of the gazetteer that are a whole prefecture, not a county. */
const PREFECTURE_LEVELS = new Set(["prefecture_city", "autonomous_prefecture", "league", "prefecture"]);

/** Site precisions finer than a zone (the import's precision column; absent on older rows). */
const FINE_PRECISIONS = new Set(["exact", "street"]);

/** A site that lies within this many degrees (about 50 m) of its place's point was not located: it is that point. */
const PLACE_POINT_TOLERANCE_DEG = 0.0005;

/** What an official looks for before verifying, most important first. */
export const MISSING_ITEMS = [
  "no_site",
  "no_categories",
  "no_uscc",
  "no_contact",
  "coarse_location",
  "no_address",
  "no_certifications",
  "expired_certifications",
  "no_products",
] as const;
export type MissingItem = (typeof MISSING_ITEMS)[number];

export interface VerificationSite {
  adcode: number;
  lat: number;
  lng: number;
  address: string;
  /** The gazetteer's entry for the site's adcode (its level and point), when known. */
  place?: { level: string; lat: number; lng: number } | null;
  /** How precisely the point is known, when recorded (exact, street, zone, county_seat, prefecture_seat). */
  precision?: string | null;
}

/** The parts of a supplier's profile the checks read. */
export interface VerificationSubject {
  uscc: string | null;
  categories: string[];
  productsZh: string;
  productsEn: string;
  certifications: { kind: string; name: string; validUntil: string | null }[];
  contactPhone: string;
  contactEmail: string;
  sites: VerificationSite[];
}

function coarse(site: VerificationSite): boolean {
  // A recorded precision decides; without one, a point at its place's own point was not located.
  if (site.precision) return !FINE_PRECISIONS.has(site.precision);
  if (!site.place) return false;
  if (PREFECTURE_LEVELS.has(site.place.level)) return true;
  return (
    Math.abs(site.lat - site.place.lat) <= PLACE_POINT_TOLERANCE_DEG &&
    Math.abs(site.lng - site.place.lng) <= PLACE_POINT_TOLERANCE_DEG
  );
}

/**
 * What a supplier's profile lacks for an official to verify it with confidence, in the
 * order of MISSING_ITEMS. `today` is the calendar day (YYYY-MM-DD) certificates are valid on.
 */
export function missingItems(p: VerificationSubject, today: string): MissingItem[] {
  const certs = p.certifications;
  const missing: Record<MissingItem, boolean> = {
    no_site: p.sites.length === 0,
    no_categories: p.categories.length === 0,
    no_uscc: !p.uscc,
    no_contact: !p.contactPhone.trim() && !p.contactEmail.trim(),
    coarse_location: p.sites.some(coarse),
    no_address: p.sites.some((s) => !s.address.trim()),
    no_certifications: certs.length === 0,
    expired_certifications: certs.length > 0 && certs.every((c) => c.validUntil !== null && c.validUntil < today),
    no_products: !p.productsZh.trim() && !p.productsEn.trim(),
  };
  return MISSING_ITEMS.filter((item) => missing[item]);
}

/**
 * The profile as an official decided on it, kept with each decision. Read back leniently:
 * a field a snapshot lacks (one stored before the field existed) is not compared.
 */
export const verificationSnapshotSchema = z
  .object({
    nameZh: z.string(),
    nameEn: z.string(),
    uscc: z.string().nullable(),
    productsZh: z.string(),
    productsEn: z.string(),
    categories: z.array(z.string()),
    processes: z.array(z.string()),
    certifications: z.array(z.object({ kind: z.string(), name: z.string(), validUntil: z.string().nullable() })),
    employees: z.number().nullable(),
    nevCapable: z.boolean(),
    annualCapacity: z.string(),
    customers: z.array(z.string()),
    contactName: z.string(),
    contactPhone: z.string(),
    contactEmail: z.string(),
    sites: z.array(
      z.object({ label: z.string(), adcode: z.number(), lat: z.number(), lng: z.number(), address: z.string() }),
    ),
  })
  .partial();
export type VerificationSnapshot = z.output<typeof verificationSnapshotSchema>;
type FullSnapshot = Required<VerificationSnapshot>;

/** The snapshot of a profile: exactly the compared fields, nothing else (no ids, no private notes). */
export function toSnapshot(p: FullSnapshot): FullSnapshot {
  return {
    nameZh: p.nameZh,
    nameEn: p.nameEn,
    uscc: p.uscc,
    productsZh: p.productsZh,
    productsEn: p.productsEn,
    categories: [...p.categories],
    processes: [...p.processes],
    certifications: p.certifications.map((c) => ({ kind: c.kind, name: c.name, validUntil: c.validUntil })),
    employees: p.employees,
    nevCapable: p.nevCapable,
    annualCapacity: p.annualCapacity,
    customers: [...p.customers],
    contactName: p.contactName,
    contactPhone: p.contactPhone,
    contactEmail: p.contactEmail,
    sites: p.sites.map((s) => ({ label: s.label, adcode: s.adcode, lat: s.lat, lng: s.lng, address: s.address })),
  };
}

/** The parts of a profile the queue reports as changed, in the order shown. */
export const CHANGE_FIELDS = [
  "name",
  "uscc",
  "categories",
  "sites",
  "contact",
  "certifications",
  "products",
  "processes",
  "employees",
  "capacity",
  "customers",
  "nev",
] as const;
export type ChangeField = (typeof CHANGE_FIELDS)[number];

/** One changed part; lists say what was added and removed (category codes, certification kinds). */
export interface ProfileChange {
  field: ChangeField;
  added?: string[];
  removed?: string[];
}

const certKey = (c: { kind: string; name: string; validUntil: string | null }) =>
  `${c.kind}|${c.name}|${c.validUntil ?? ""}`;
const siteKey = (s: { label: string; adcode: number; lat: number; lng: number; address: string }) =>
  `${s.adcode}|${s.lat.toFixed(6)}|${s.lng.toFixed(6)}|${s.address.trim()}|${s.label.trim()}`;
const sameSet = (a: string[], b: string[]) => {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
};
const minus = (a: string[], b: string[]) => [...new Set(a.filter((v) => !b.includes(v)))].sort();

/**
 * What changed from `before` (the snapshot of the last decision) to `after` (the profile
 * now). Order inside lists, blanks around text and site order do not count as changes.
 */
export function profileChanges(before: VerificationSnapshot, after: FullSnapshot): ProfileChange[] {
  const changes: ProfileChange[] = [];
  const has = <K extends keyof VerificationSnapshot>(k: K) => before[k] !== undefined;
  const text = (a: string | null | undefined, b: string | null | undefined) => (a ?? "").trim() !== (b ?? "").trim();

  const checks: Record<ChangeField, () => ProfileChange | null> = {
    name: () =>
      (has("nameZh") && text(before.nameZh, after.nameZh)) || (has("nameEn") && text(before.nameEn, after.nameEn))
        ? { field: "name" }
        : null,
    uscc: () => (has("uscc") && text(before.uscc, after.uscc) ? { field: "uscc" } : null),
    categories: () =>
      has("categories") && !sameSet(before.categories!, after.categories)
        ? {
            field: "categories",
            added: minus(after.categories, before.categories!),
            removed: minus(before.categories!, after.categories),
          }
        : null,
    sites: () =>
      has("sites") && !sameSet(before.sites!.map(siteKey), after.sites.map(siteKey)) ? { field: "sites" } : null,
    contact: () =>
      (has("contactName") && text(before.contactName, after.contactName)) ||
      (has("contactPhone") && text(before.contactPhone, after.contactPhone)) ||
      (has("contactEmail") && text(before.contactEmail, after.contactEmail))
        ? { field: "contact" }
        : null,
    certifications: () => {
      if (!has("certifications")) return null;
      if (sameSet(before.certifications!.map(certKey), after.certifications.map(certKey))) return null;
      const kindsBefore = before.certifications!.map((c) => c.kind);
      const kindsAfter = after.certifications.map((c) => c.kind);
      return {
        field: "certifications",
        added: minus(kindsAfter, kindsBefore),
        removed: minus(kindsBefore, kindsAfter),
      };
    },
    products: () =>
      (has("productsZh") && text(before.productsZh, after.productsZh)) ||
      (has("productsEn") && text(before.productsEn, after.productsEn))
        ? { field: "products" }
        : null,
    processes: () => (has("processes") && !sameSet(before.processes!, after.processes) ? { field: "processes" } : null),
    employees: () => (has("employees") && before.employees !== after.employees ? { field: "employees" } : null),
    capacity: () =>
      has("annualCapacity") && text(before.annualCapacity, after.annualCapacity) ? { field: "capacity" } : null,
    customers: () => (has("customers") && !sameSet(before.customers!, after.customers) ? { field: "customers" } : null),
    nev: () => (has("nevCapable") && before.nevCapable !== after.nevCapable ? { field: "nev" } : null),
  };
  for (const field of CHANGE_FIELDS) {
    const change = checks[field]();
    if (change) changes.push(change);
  }
  return changes;
}
