import { z } from "zod";
import { CERTIFICATION_KINDS } from "../../domain/vocabulary";

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
