import { z } from "zod";
import { outOfChina, toWgs84, type Datum } from "../../domain/datum";
import { emailField, nameField, newPasswordField, optionalNameField, usccField } from "../accounts/schemas";

// The administrators' OEM and plant pages: one schema per use case. Forms send strings,
// so numbers are read from text here; a blank optional field is absent.

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** An OEM's code: what the CLI and the admin pages name it by (FAW, JIEFANG). */
export const ORGANIZATION_CODE = /^[A-Z0-9][A-Z0-9_-]{1,31}$/;
export const organizationCodeField = z
  .string({ message: "form.required" })
  .trim()
  .toUpperCase()
  .regex(ORGANIZATION_CODE, "form.organizationCode");

/** A plant's code: it becomes a search attribute name (`plant_hm.<code>`), so letters, digits, _ only. */
export const PLANT_CODE = /^[A-Z0-9_]{1,40}$/;
export const plantCodeField = z
  .string({ message: "form.required" })
  .trim()
  .toUpperCase()
  .regex(PLANT_CODE, "form.plantCode");

/** A number typed into a form (a decimal comma is accepted); blank is missing. */
const typedNumber = (message: `form.${string}`) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim().replace(",", "."))) : v),
    z.number({ message }),
  );

const coordinate = (min: number, max: number) =>
  typedNumber("form.coordinate").refine((n) => n >= min && n <= max, "form.coordinate");

/**
 * Where a plant stands: coordinates in the datum they were read in (WGS-84 from GPS or the
 * reference list, GCJ-02 from Chinese web maps), stored as WGS-84; its county from the
 * gazetteer; how precise the point is, in km.
 */
const locationShape = {
  lat: coordinate(-90, 90),
  lng: coordinate(-180, 180),
  datum: z.enum(["wgs84", "gcj02"], { message: "form.invalid" }).default("wgs84"),
  adcode: typedNumber("form.required").pipe(z.number().int("form.invalid")),
  precisionKm: typedNumber("form.plantPrecisionKm").refine((n) => n > 0 && n <= 100, "form.plantPrecisionKm"),
};

const inChina = (p: { lat: number; lng: number }, ctx: z.RefinementCtx) => {
  if (outOfChina(p)) ctx.addIssue({ code: "custom", path: ["lat"], message: "form.outsideChina" });
};

/** The point as stored: WGS-84, to the micro-degree (about 0.1 m). */
const storedPoint = <T extends { lat: number; lng: number; datum: Datum }>(p: T): T => {
  const point = toWgs84({ lat: p.lat, lng: p.lng }, p.datum);
  return { ...p, lat: Math.round(point.lat * 1e6) / 1e6, lng: Math.round(point.lng * 1e6) / 1e6 };
};

export const createOemSchema = z.object({
  /** Blank: made from the English name (or OEM-n). */
  code: z.preprocess(blankToUndefined, organizationCodeField.optional()),
  nameZh: nameField(200),
  nameEn: optionalNameField(200),
  uscc: z.preprocess(blankToUndefined, usccField.optional()),
});

export const updateOemSchema = z.object({
  oem: organizationCodeField,
  nameZh: nameField(200),
  nameEn: optionalNameField(200),
  uscc: z.preprocess(blankToUndefined, usccField.optional()),
});

export const addPlantSchema = z
  .object({
    oem: organizationCodeField,
    code: plantCodeField,
    nameZh: nameField(200),
    nameEn: nameField(200),
    ...locationShape,
  })
  .superRefine(inChina)
  .transform(storedPoint);

export const updatePlantSchema = z
  .object({
    plant: plantCodeField,
    nameZh: nameField(200),
    nameEn: nameField(200),
    ...locationShape,
  })
  .superRefine(inChina)
  .transform(storedPoint);

export const retirePlantSchema = z.object({ plant: plantCodeField });

/** The OEM's admin, with an account made now (the administrator hands over the password). */
export const assignOemAdminSchema = z.object({
  oem: organizationCodeField,
  name: nameField(100),
  email: emailField,
  password: newPasswordField,
});

/** The OEM's admin, invited by a single-use link the administrator sends. */
export const inviteOemAdminSchema = z.object({ oem: organizationCodeField });

export const decideDifferenceSchema = z.object({
  difference: z.string({ message: "form.invalid" }).regex(/^\d{1,18}$/, "form.invalid"),
  decision: z.enum(["accept", "keep"], { message: "form.invalid" }),
});

/** The OEM page's forms, told apart by their `intent`. */
export const OEM_PAGE_INTENTS = {
  update: updateOemSchema,
  addPlant: addPlantSchema,
  updatePlant: updatePlantSchema,
  retirePlant: retirePlantSchema,
  assignAdmin: assignOemAdminSchema,
  inviteAdmin: inviteOemAdminSchema,
} as const;
export type OemPageIntent = keyof typeof OEM_PAGE_INTENTS;

export type CreateOemInput = z.output<typeof createOemSchema>;
export type UpdateOemInput = z.output<typeof updateOemSchema>;
export type AddPlantInput = z.output<typeof addPlantSchema>;
export type UpdatePlantInput = z.output<typeof updatePlantSchema>;
export type RetirePlantInput = z.output<typeof retirePlantSchema>;
export type AssignOemAdminInput = z.output<typeof assignOemAdminSchema>;
export type InviteOemAdminInput = z.output<typeof inviteOemAdminSchema>;
export type DecideDifferenceInput = z.output<typeof decideDifferenceSchema>;
