import { z } from "zod";
import { CERTIFICATION_KINDS } from "../../domain/supplier-profile";

// The JSON API's schemas: requests are parsed with them, and the OpenAPI document
// (/api/v1/openapi.json) is generated from the very same objects.

export const apiError = z.object({
  error: z.string().describe("machine-readable code: invalid_request, unauthorized, forbidden, not_found"),
  message: z.string(),
  fields: z.record(z.string(), z.string()).optional().describe("field → what is wrong with it"),
});

export const suppliersQuery = z.object({
  q: z.string().trim().max(200).default("").describe("text: Chinese, English or pinyin name, products, categories"),
  category: z.string().regex(/^[A-Z]\d{2}$/).optional().describe("a leaf category code of the taxonomy, e.g. A01"),
  certification: z.enum(CERTIFICATION_KINDS).optional(),
  plant: z.string().regex(/^[A-Z0-9]{2,12}$/).optional().describe("plant code (OEM01 …); results then carry distance_km, nearest first"),
  radius_km: z.coerce.number().min(1).max(500).default(100).describe("radius around the plant, km"),
  page: z.coerce.number().int().min(1).max(500).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
});

export const supplierHit = z.object({
  id: z.uuid(),
  name_zh: z.string(),
  name_en: z.string(),
  verification_status: z.enum(["pending", "verified", "rejected"]),
  categories: z.array(z.string()),
  certifications: z.array(z.string()).describe("certifications valid today"),
  county_adcode: z.number().int(),
  city_adcode: z.number().int().nullable(),
  location: z.object({ lat: z.number(), lng: z.number() }).describe("WGS-84; the site nearest the plant when one is given"),
  distance_km: z.number().nullable().describe("great-circle distance to the plant, km (null without a plant)"),
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
  certifications: z.array(z.object({ kind: z.string(), name: z.string(), valid_until: z.string().nullable() })),
  employees: z.number().int().nullable(),
  nev_capable: z.boolean(),
  sites: z.array(z.object({ id: z.string().optional(), label: z.string(), adcode: z.number().int(), lat: z.number(), lng: z.number(), address: z.string() })),
  private: z
    .object({ annual_capacity: z.string(), customers: z.array(z.string()), contact_name: z.string(), contact_phone: z.string(), contact_email: z.string() })
    .nullable()
    .describe("contacts and customers: for OEMs, officials and the supplier itself; null otherwise"),
});

export const me = z.object({
  organization: z.object({ id: z.uuid(), kind: z.enum(["oem", "supplier", "agency"]), name_zh: z.string(), name_en: z.string().nullable(), verification_status: z.string() }),
  role: z.string(),
  via: z.enum(["session", "token"]),
});

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => !Number.isNaN(Date.parse(d)), "not a date");

export const demandCreate = z.object({
  plant: z.string().regex(/^[A-Z0-9]{2,12}$/).describe("plant code of your organization, e.g. OEM05"),
  part_name: z.string().trim().min(1).max(200),
  category: z.string().regex(/^[A-Z]\d{2}$/).describe("leaf category code"),
  allow_group: z.boolean().default(false).describe("also rank suppliers of the category's group"),
  spec: z.string().max(5000).default(""),
  annual_volume: z.number().int().min(0).max(1e12).nullable().default(null),
  unit: z.string().min(1).max(20).default("件"),
  sop_date: isoDate.nullable().default(null),
  required_certifications: z.array(z.enum(CERTIFICATION_KINDS)).max(6).default([]),
  radius_km: z.number().min(1).max(500).default(100),
  response_deadline: isoDate.nullable().default(null),
  visibility: z.enum(["all", "invited"]).default("all"),
});

export const demandOut = z.object({
  id: z.uuid(),
  status: z.enum(["open", "closed", "awarded"]),
  oem: z.object({ id: z.uuid(), name_zh: z.string() }),
  plant: z.object({ code: z.string(), name_zh: z.string(), lat: z.number(), lng: z.number() }),
  part_name: z.string(),
  category: z.string(),
  allow_group: z.boolean(),
  spec: z.string(),
  annual_volume: z.number().nullable(),
  unit: z.string(),
  sop_date: z.string().nullable(),
  required_certifications: z.array(z.string()),
  radius_km: z.number(),
  response_deadline: z.string().nullable(),
  visibility: z.enum(["all", "invited"]),
});

const rankedHit = z.object({
  supplier_id: z.uuid(),
  name_zh: z.string(),
  name_en: z.string(),
  verification_status: z.string(),
  distance_km: z.number(),
  inside_circle: z.boolean(),
  matched_certifications: z.array(z.string()),
  location: z.object({ lat: z.number(), lng: z.number() }),
  reasons: z.array(z.string()).describe("why the supplier is listed"),
});

export const matchOut = z.object({
  id: z.uuid(),
  supplier_id: z.uuid(),
  state: z.enum(["shortlisted", "invited", "interested", "declined", "confirmed", "withdrawn"]),
  distance_km: z.number(),
  inside_circle: z.boolean(),
  quote_fen: z.number().int().nullable(),
  contract_fen: z.number().int().nullable(),
  period_year: z.number().int().nullable(),
});

export const demandMatches = z.object({
  inside: z.array(rankedHit).describe("suppliers inside the circle, nearest first"),
  outside: z.array(rankedHit).describe("when too few lie inside: the nearest outside (gap signal)"),
  matches: z.array(matchOut),
});

export const matchCreate = z.object({ supplier_id: z.uuid(), action: z.enum(["shortlist", "invite"]) });
export const matchRespond = z.discriminatedUnion("action", [
  z.object({ action: z.literal("express_interest"), quote_fen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), quote_note: z.string().max(2000).default("") }),
  z.object({ action: z.literal("decline"), reason: z.string().max(2000).default("") }),
]);
export const matchConfirm = z.object({
  amount_fen: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).describe("contract value in fen (1 CNY = 100 fen)"),
  annual_volume: z.number().int().min(0).nullable().default(null),
  year: z.number().int().min(2000).max(2100),
});
export const matchResult = z.object({ match_id: z.uuid(), state: z.string(), already_done: z.boolean(), ledger_posted: z.boolean() });

export const opportunity = z.object({
  demand_id: z.uuid(),
  part_name: z.string(),
  category: z.string(),
  oem_name_zh: z.string(),
  plant_name_zh: z.string(),
  distance_km: z.number(),
  response_deadline: z.string().nullable(),
  match_state: z.string().nullable(),
});
export const opportunities = z.object({ opportunities: z.array(opportunity) });

export const ratesQuery = z.object({
  oem: z.uuid().optional().describe("OEM organization id (officials); OEM tokens always see their own"),
  plant: z.string().regex(/^[A-Z0-9]{2,12}$/).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional().describe("the year to check against the policy (default: the latest with entries)"),
  quarter: z.coerce.number().int().min(1).max(4).optional(),
  group: z.string().regex(/^[A-Z]$/).optional().describe("category group; NEV for the NEV key parts"),
  basis: z.enum(["province", "circle"]).default("province"),
});

export const ratesOut = z.object({
  basis: z.enum(["province", "circle"]),
  years: z.array(z.object({ year: z.number().int(), total_fen: z.number().int(), local_fen: z.number().int(), rate: z.number().nullable(), change_pp: z.number().nullable() })),
  quarters: z.array(z.object({ quarter: z.number().int(), total_fen: z.number().int(), local_fen: z.number().int(), rate: z.number().nullable() })),
  policy: z.object({
    year: z.number().int().nullable(),
    meets_min_rate: z.boolean(), meets_rise: z.boolean(), nev_rate: z.number().nullable(), meets_nev_target: z.boolean(),
    fen_to_min_rate: z.number().int(), fen_to_rise: z.number().int().nullable(), fen_to_nev_target: z.number().int(),
  }),
});

export const importResult = z.object({ inserted: z.number().int(), unchanged: z.number().int(), rejected: z.number().int(), report: z.array(z.object({ row: z.number().int(), reasons: z.array(z.string()) })) });
export const reverseResult = z.object({ reversal_id: z.number().int() });
