import { z } from "zod";
import { supplierProfileSchema } from "../../domain/supplier-profile";
import { CERTIFICATION_KINDS, SITE_PRECISIONS, SITE_STATUSES } from "../../domain/vocabulary";

/**
 * The directory search: GET /api/v1/suppliers and the public /suppliers page both parse
 * their query with it. A bad value is refused in both (the API answers 400, the page names
 * the field and lists nothing): dropping it widened the list to everything, unannounced.
 */
export const directoryQuery = z.object({
  q: z.string().trim().max(200).default("").describe("text: Chinese, English or pinyin name, products, categories"),
  category: z
    .string()
    .regex(/^[A-Z]\d{2}$/)
    .optional()
    .describe("a leaf category code of the taxonomy, e.g. A01"),
  group: z
    .string()
    .regex(/^[A-Z]$/)
    .optional()
    .describe("a category group (the taxonomy's first level), e.g. A"),
  city: z.coerce.number().int().min(100000).max(999999).optional().describe("city (prefecture) adcode, e.g. 220100"),
  certification: z
    .enum(CERTIFICATION_KINDS)
    .optional()
    .describe("a certification valid today (Asia/Shanghai); expired certificates do not count"),
  verified: z
    .enum(["1", "true"])
    .optional()
    .transform((v) => v !== undefined)
    .describe("only suppliers verified by an official"),
  plant: z
    .string()
    .regex(/^[A-Z0-9]{2,12}$/)
    .optional()
    .describe(
      "plant code (OEM01 …); results then carry distance_km and are ordered nearest first, q only narrowing them",
    ),
  radius_km: z.coerce.number().min(1).max(500).default(100).describe("radius around the plant, km"),
  page: z.coerce.number().int().min(1).max(500).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
});
export type DirectoryQuery = z.output<typeof directoryQuery>;

export const supplierHit = z.object({
  id: z.uuid(),
  name_zh: z.string(),
  name_en: z.string(),
  verification_status: z.enum(["pending", "verified", "rejected"]),
  categories: z.array(z.string()),
  certifications: z.array(z.string()).describe("certifications valid today"),
  county_adcode: z.number().int(),
  city_adcode: z.number().int().nullable(),
  location: z
    .object({ lat: z.number(), lng: z.number() })
    .describe("WGS-84; the site nearest the plant when one is given"),
  distance_km: z.number().nullable().describe("great-circle distance to the plant, km (null without a plant)"),
  site_status: z.enum(SITE_STATUSES).describe("operating status of the site shown"),
  location_precision: z.enum(SITE_PRECISIONS).describe("how well the site's point is known"),
  precision_km: z.number().nullable().describe("the ± of the site's point in km (null: none stated)"),
  is_sample: z.boolean(),
});

export const suppliersPage = z.object({
  total: z.number().int(),
  page: z.number().int(),
  per_page: z.number().int(),
  hits: z.array(supplierHit),
});

export const supplierDetail = z.object({
  id: z.uuid(),
  uscc: z.string().nullable(),
  name_zh: z.string(),
  name_en: z.string(),
  verification_status: z.enum(["pending", "verified", "rejected"]),
  updated_at: z.string(),
  categories: z.array(z.string()),
  products_zh: z.string(),
  products_en: z.string(),
  processes: z.array(z.string()),
  certifications: z.array(
    z.object({
      kind: z.string(),
      name: z.string(),
      valid_until: z.string().nullable(),
      expired: z.boolean().describe("past valid_until on today's date in Asia/Shanghai: not a held certification"),
    }),
  ),
  employees: z.number().int().nullable(),
  nev_capable: z.boolean(),
  sites: z.array(
    z.object({
      id: z.string().optional(),
      label: z.string(),
      adcode: z.number().int(),
      lat: z.number(),
      lng: z.number(),
      address: z.string(),
      precision: z.enum(SITE_PRECISIONS).describe("exact, street, zone (± precision_km), county_seat, prefecture_seat"),
      precision_km: z.number().nullable().describe("the ± of the point in km (null: none stated)"),
      status: z.enum(SITE_STATUSES).describe("operating, under_construction, closed or unverified"),
    }),
  ),
  source_urls: z.array(z.string()).describe("where the profile's facts come from (http/https)"),
  external_id: z.string().nullable().describe("the supplier's id in the list it was imported from"),
  private: z
    .object({
      annual_capacity: z.string(),
      customers: z.array(z.string()),
      contact_name: z.string(),
      contact_phone: z.string(),
      contact_email: z.string(),
    })
    .nullable()
    .describe("contacts and customers: for OEMs, officials and the supplier itself; null otherwise"),
});

/**
 * Saving a supplier's profile: the profile (the one profile schema, which the import also
 * uses) and whether the supplier confirmed it is not a near-duplicate of another company.
 */
export const saveProfileInput = supplierProfileSchema.extend({
  confirmDuplicate: z.boolean().default(false),
});
export type SaveProfileInput = z.output<typeof saveProfileInput>;

/** An official's verification decision; a rejection needs its reason. */
export const verificationInput = z
  .object({
    decision: z.enum(["verified", "rejected"]),
    reason: z.string().trim().max(1000, "form.tooLong").optional(),
  })
  .refine((v) => v.decision === "verified" || (v.reason ?? "").length > 0, {
    path: ["reason"],
    message: "form.required",
  });
export type VerificationInput = z.output<typeof verificationInput>;

/**
 * An official's decision on one or many pending suppliers at once: the queue page's form
 * and POST /api/v1/suppliers/verifications. A rejection needs its reason.
 */
export const verificationBatch = z
  .object({
    supplier_ids: z
      .array(z.uuid({ message: "form.invalid" }), { message: "form.no_suppliers_selected" })
      .min(1, "form.no_suppliers_selected")
      .max(100, "form.tooMany")
      .transform((ids) => [...new Set(ids)])
      .describe("the pending suppliers decided on (at most 100)"),
    decision: z.enum(["verified", "rejected"], { message: "form.invalid" }),
    reason: z
      .string()
      .trim()
      .max(1000, "form.tooLong")
      .optional()
      .describe("why: shown to the supplier; required to reject"),
  })
  .refine((v) => v.decision === "verified" || (v.reason ?? "").length > 0, {
    path: ["reason"],
    message: "form.reason_required",
  });
export type VerificationBatch = z.output<typeof verificationBatch>;

export const verificationBatchResult = z.object({
  decision: z.enum(["verified", "rejected"]),
  supplier_ids: z.array(z.uuid()).describe("the suppliers decided, in the order given"),
  decided_at: z.string().describe("ISO 8601"),
});

/** The verification queue's filters and page, from the page's URL. */
export const verificationQueueQuery = z.object({
  q: z.string().trim().max(200).default(""),
  city: z.coerce.number().int().min(100000).max(999999).optional(),
  category: z
    .string()
    .regex(/^[A-Z](\d{2})?$/)
    .optional(),
  source: z.enum(["sign_up", "import"]).optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  per_page: z.coerce.number().int().min(10).max(100).default(25),
});
export type VerificationQueueQuery = z.output<typeof verificationQueueQuery>;
