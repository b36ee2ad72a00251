import { z } from "zod";
import { calendarDate } from "./dates";
import { outOfChina, toWgs84 } from "./datum";
import { CERTIFICATION_KINDS } from "./vocabulary";

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

export const siteSchema = z
  .object({
    id: z.uuid().optional(),
    label: text(100).default(""),
    adcode: z.coerce.number({ message: "form.required" }).int(),
    lat: coordinate(-90, 90),
    lng: coordinate(-180, 180),
    datum: z.enum(["wgs84", "gcj02"]).default("wgs84"),
    address: text(300).default(""),
  })
  .superRefine((s, ctx) => {
    if (outOfChina({ lat: s.lat, lng: s.lng }))
      ctx.addIssue({ code: "custom", path: ["lat"], message: "form.outsideChina" });
  })
  .transform(({ datum, ...s }) => ({ ...s, ...roundPoint(toWgs84({ lat: s.lat, lng: s.lng }, datum)) }));

const roundPoint = (p: { lat: number; lng: number }) => ({
  lat: Math.round(p.lat * 1e6) / 1e6,
  lng: Math.round(p.lng * 1e6) / 1e6,
});

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
