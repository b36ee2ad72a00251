import { z } from "zod";
import { parseYuanToFen } from "./money";
import { CERTIFICATION_KINDS } from "./vocabulary";

const date = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, "form.date").refine((d) => !Number.isNaN(Date.parse(d)), "form.date");
const optionalDate = z.preprocess((v) => (v === "" || v === undefined ? null : v), date.nullable());

/** A demand as posted by a buyer: the form and the API parse with this schema. */
export const demandSchema = z.object({
  plantId: z.uuid({ message: "form.required" }),
  partName: z.string().trim().min(1, "form.required").max(200, "form.tooLong"),
  categoryCode: z.string().regex(/^[A-Z]\d{2}$/, "form.category"),
  allowGroup: z.preprocess((v) => v === true || v === "1" || v === "on" || v === "true", z.boolean()).default(false),
  spec: z.string().trim().max(5000, "form.tooLong").default(""),
  annualVolume: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.coerce.number({ message: "form.invalid" }).int("form.invalid").min(0, "form.invalid").max(1e12, "form.invalid").nullable()).default(null),
  unit: z.string().trim().min(1, "form.required").max(20, "form.tooLong").default("件"),
  sopDate: optionalDate.default(null),
  requiredCerts: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(CERTIFICATION_KINDS, { message: "form.invalid" })).max(6)).default([]),
  radiusKm: z.preprocess((v) => (v === "" || v === undefined ? 100 : v), z.coerce.number({ message: "form.invalid" }).min(1, "form.radius").max(500, "form.radius")),
  responseDeadline: optionalDate.default(null),
  visibility: z.enum(["all", "invited"]).default("all"),
});

export type DemandForm = z.output<typeof demandSchema>;

const fen = (field: string) =>
  z.union([z.number(), z.string()]).transform((v, ctx) => {
    const value = typeof v === "number" ? (Number.isSafeInteger(v) && v >= 0 ? v : null) : parseYuanToFen(v);
    if (value === null) {
      ctx.addIssue({ code: "custom", message: "form.money", path: [] });
      return z.NEVER;
    }
    return value;
  }).describe(field);

/** The supplier's answer: interest with a quote (yuan in forms, fen in the API), or a decline. */
export const respondFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("express_interest"), quote: fen("quote in CNY"), quoteNote: z.string().trim().max(2000, "form.tooLong").default("") }),
  z.object({ intent: z.literal("decline"), reason: z.string().trim().max(2000, "form.tooLong").default("") }),
]);

const year = z.coerce.number({ message: "form.invalid" }).int("form.invalid").min(2000, "form.invalid").max(2100, "form.invalid");

export const confirmFormSchema = z.object({
  supplierId: z.uuid(),
  amount: fen("contract value in CNY"),
  volume: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.coerce.number({ message: "form.invalid" }).int("form.invalid").min(0, "form.invalid").nullable()).default(null),
  year,
}).refine((v) => v.amount > 0, { path: ["amount"], message: "form.money" });
