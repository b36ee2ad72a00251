import { z } from "zod";
import { calendarDate } from "./dates";
import { outOfChina, toWgs84 } from "./datum";
import { CERTIFICATION_KINDS, SITE_PRECISIONS, SITE_STATUSES } from "./vocabulary";

const text = (max: number) => z.string().trim().max(max, "form.tooLong");
const list = (maxItems: number, maxLen: number) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(/[,，;；、\n]/)))
    .pipe(z.array(z.string().trim().max(maxLen, "form.tooLong")).transform((a) => [...new Set(a.filter(Boolean))]))
    .pipe(z.array(z.string()).max(maxItems, "form.tooMany"));

const coordinate = (min: number, max: number) =>
  z.coerce
    .number({ message: "form.coordinate" })
    .refine((n) => Number.isFinite(n) && n >= min && n <= max, "form.coordinate");

/** The ± of a site's point in km: blank is none; otherwise more than 0 and at most 500, to 0.1 km. */
const precisionKm = z.preprocess(
  (v) => (v === undefined || (typeof v === "string" && v.trim() === "") ? null : v),
  z.union([
    z.null(),
    z.coerce
      .number({ message: "form.precisionKm" })
      .refine((n) => Number.isFinite(n) && n > 0 && n <= 500, "form.precisionKm")
      .transform((n) => Math.round(n * 10) / 10),
  ]),
);

/**
 * The rules between a site's precision and its ±km: a zone needs its ±km (that is what a
 * zone is); an exact point has none. Street and seat precisions may state one.
 */
export function precisionIssue(
  precision: string,
  km: number | null,
): "form.precisionKmRequired" | "form.precisionKmExact" | null {
  if (precision === "zone" && km === null) return "form.precisionKmRequired";
  if (precision === "exact" && km !== null) return "form.precisionKmExact";
  return null;
}

export const siteSchema = z
  .object({
    id: z.uuid().optional(),
    label: text(100).default(""),
    adcode: z.coerce.number({ message: "form.required" }).int(),
    lat: coordinate(-90, 90),
    lng: coordinate(-180, 180),
    datum: z.enum(["wgs84", "gcj02"]).default("wgs84"),
    address: text(300).default(""),
    precision: z.enum(SITE_PRECISIONS, { message: "form.precision" }).default("exact"),
    precisionKm: precisionKm.default(null),
    status: z.enum(SITE_STATUSES, { message: "form.siteStatus" }).default("operating"),
  })
  .superRefine((s, ctx) => {
    if (outOfChina({ lat: s.lat, lng: s.lng }))
      ctx.addIssue({ code: "custom", path: ["lat"], message: "form.outsideChina" });
    const issue = precisionIssue(s.precision, s.precisionKm);
    if (issue) ctx.addIssue({ code: "custom", path: ["precisionKm"], message: issue });
  })
  .transform(({ datum, ...s }) => ({ ...s, ...roundPoint(toWgs84({ lat: s.lat, lng: s.lng }, datum)) }));

const roundPoint = (p: { lat: number; lng: number }) => ({
  lat: Math.round(p.lat * 1e6) / 1e6,
  lng: Math.round(p.lng * 1e6) / 1e6,
});

/** A web address a record was compiled from: http or https, with a host name. */
export function isWebUrl(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.includes(".") && !url.username;
  } catch {
    return false;
  }
}

/** Source addresses, one or more: a list, or text separated by spaces, line breaks or ; (not by a comma inside one). */
export const sourceUrlsSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(/[\s;；|、，]+|,(?=\s*https?:)/i)))
  .pipe(
    z
      .array(
        z
          .string()
          .trim()
          .max(500, "form.tooLong")
          .refine((u) => u === "" || isWebUrl(u), "form.url"),
      )
      .transform((a) => [...new Set(a.filter(Boolean))]),
  )
  .pipe(z.array(z.string()).max(10, "form.tooMany"));

export const certificationSchema = z.object({
  kind: z.enum(CERTIFICATION_KINDS, { message: "form.invalid" }),
  name: text(100).default(""),
  validUntil: calendarDate
    .nullable()
    .optional()
    .transform((v) => v ?? null),
});

/** Everything a supplier's profile holds; the same schema serves the form, the import and the API. */
export const supplierProfileSchema = z.object({
  nameZh: text(200).min(1, "form.required"),
  nameEn: text(200).default(""),
  productsZh: text(2000).default(""),
  productsEn: text(2000).default(""),
  categories: z
    .array(z.string().regex(/^[A-Z]\d{2}$/, "form.category"))
    .min(1, "form.categoryRequired")
    .max(20, "form.tooMany"),
  processes: list(30, 50).default([]),
  certifications: z.array(certificationSchema).max(20, "form.tooMany").default([]),
  annualCapacity: text(200).default(""),
  employees: z.coerce
    .number({ message: "form.invalid" })
    .int("form.invalid")
    .min(0, "form.invalid")
    .max(1_000_000, "form.invalid")
    .nullable()
    .default(null),
  nevCapable: z.boolean().default(false),
  customers: list(30, 100).default([]),
  contactName: text(100).default(""),
  contactPhone: text(50)
    .regex(/^[0-9+\-() ]*$/, "form.phone")
    .default(""),
  contactEmail: z.union([z.literal(""), z.email({ message: "form.email" }).max(254, "form.tooLong")]).default(""),
  sites: z.array(siteSchema).min(1, "form.siteRequired").max(20, "form.tooMany"),
  sourceUrls: sourceUrlsSchema.default([]),
});

export type SupplierProfile = z.output<typeof supplierProfileSchema>;

export type CompletenessItem =
  | "nameEn"
  | "products"
  | "categories"
  | "processes"
  | "certifications"
  | "capacity"
  | "employees"
  | "customers"
  | "contact"
  | "site";

/** How complete a profile is, and what is missing, in the order a supplier should fill it. */
export function completeness(p: Partial<SupplierProfile>): { percent: number; missing: CompletenessItem[] } {
  const checks: [CompletenessItem, boolean][] = [
    ["categories", (p.categories?.length ?? 0) > 0],
    ["site", (p.sites?.length ?? 0) > 0],
    ["products", Boolean(p.productsZh)],
    ["certifications", (p.certifications?.length ?? 0) > 0],
    ["processes", (p.processes?.length ?? 0) > 0],
    ["capacity", Boolean(p.annualCapacity)],
    ["employees", p.employees != null],
    ["contact", Boolean(p.contactName && (p.contactPhone || p.contactEmail))],
    ["customers", (p.customers?.length ?? 0) > 0],
    ["nameEn", Boolean(p.nameEn)],
  ];
  const done = checks.filter(([, ok]) => ok).length;
  return { percent: Math.round((done / checks.length) * 100), missing: checks.filter(([, ok]) => !ok).map(([k]) => k) };
}
