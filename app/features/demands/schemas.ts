import { z } from "zod";
import { calendarDate, chinaDay } from "../../domain/dates";
import { CERTIFICATION_KINDS, DEMAND_STATUSES, DEMAND_VISIBILITIES } from "../../domain/vocabulary";
import { checkbox, date, formOf, list, num, text } from "./form-coercion";

const isoDate = calendarDate.describe("a calendar date, YYYY-MM-DD");

/** A demand as posted: the API's JSON body, and (through `demandForm`) the page's form. */
export const demandCreate = z
  .object({
    plant: z
      .string()
      .regex(/^[A-Z0-9]{2,12}$/)
      .describe("plant code of your organization, e.g. OEM05"),
    part_name: z.string().trim().min(1).max(200),
    category: z
      .string()
      .regex(/^[A-Z]\d{2}$/)
      .describe("leaf category code"),
    allow_group: z.boolean().default(false).describe("also rank suppliers of the category's group"),
    spec: z.string().max(5000).default(""),
    annual_volume: z.number().int().min(0).max(1e12).nullable().default(null),
    unit: z.string().min(1).max(20).default("件"),
    sop_date: isoDate.nullable().default(null),
    required_certifications: z.array(z.enum(CERTIFICATION_KINDS)).max(6).default([]),
    radius_km: z.number().min(1).max(500).default(100),
    response_deadline: isoDate.nullable().default(null),
    visibility: z.enum(DEMAND_VISIBILITIES).default("all"),
  })
  .superRefine((d, ctx) => {
    // Dates against today in China and against each other (issue 14, item 5): a demand whose
    // SOP has passed, or whose answers are due after the part is needed, is a typing mistake.
    const today = chinaDay(new Date());
    if (d.sop_date !== null && d.sop_date < today)
      ctx.addIssue({ code: "custom", path: ["sop_date"], message: "form.sopPast" });
    if (d.response_deadline !== null && d.response_deadline < today)
      ctx.addIssue({ code: "custom", path: ["response_deadline"], message: "form.deadlinePast" });
    if (d.sop_date !== null && d.response_deadline !== null && d.response_deadline > d.sop_date)
      ctx.addIssue({ code: "custom", path: ["response_deadline"], message: "form.deadlineAfterSop" });
  });

export type DemandCreate = z.output<typeof demandCreate>;

/** The demand form's fields are the API's; the form sends strings, a checkbox and repeated certifications. */
export const DEMAND_FORM_ARRAYS = ["required_certifications"] as const;

/** A date's own message (in the past, after the SOP), else "not a date". */
const dateMessage = (issue: { code: string; message?: string }): `form.${string}` =>
  issue.code === "custom" && issue.message?.startsWith("form.") ? (issue.message as `form.${string}`) : "form.date";

export const demandForm = formOf(demandCreate, {
  coerce: (v) => ({
    plant: text(v.plant),
    part_name: text(v.part_name),
    category: text(v.category),
    allow_group: checkbox(v.allow_group),
    spec: text(v.spec),
    annual_volume: num(v.annual_volume),
    unit: text(v.unit),
    sop_date: date(v.sop_date),
    required_certifications: list(v.required_certifications),
    radius_km: num(v.radius_km),
    response_deadline: date(v.response_deadline),
    visibility: v.visibility === "" ? undefined : v.visibility,
  }),
  messages: {
    plant: "form.required",
    category: "form.category",
    annual_volume: "form.invalid",
    sop_date: dateMessage,
    response_deadline: dateMessage,
    radius_km: (issue) => (issue.code === "too_small" || issue.code === "too_big" ? "form.radius" : "form.invalid"),
    required_certifications: "form.invalid",
    visibility: "form.invalid",
  },
});

export const demandOut = z.object({
  id: z.uuid(),
  status: z.enum(DEMAND_STATUSES),
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
  visibility: z.enum(DEMAND_VISIBILITIES),
});
