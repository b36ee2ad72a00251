import { z } from "zod";
import { fenAmount, moneyMessage } from "../../domain/money";
import { calendarDate } from "../../domain/dates";
import { MATCH_ORIGINS, MATCH_STATES, SITE_PRECISIONS, SITE_STATUSES } from "../../domain/vocabulary";
import { date, formOf, num, text, yuanToFen } from "../demands/form-coercion";

const rankedHit = z.object({
  supplier_id: z.uuid(),
  name_zh: z.string(),
  name_en: z.string(),
  verification_status: z.string(),
  is_sample: z.boolean().describe("a sample record of the demo data, not a real company"),
  distance_km: z.number(),
  inside_circle: z.boolean(),
  matched_certifications: z.array(z.string()),
  location: z.object({ lat: z.number(), lng: z.number() }),
  site_status: z
    .enum(SITE_STATUSES)
    .describe("the ranked site's operating status; closed sites are never ranked, under_construction is marked"),
  location_precision: z
    .enum(SITE_PRECISIONS)
    .describe("how well the site's point is known: exact, street, zone, county_seat or prefecture_seat"),
  precision_km: z.number().nullable().describe("the ± of the site's point in km (null: none stated)"),
  reasons: z.array(z.string()).describe("why the supplier is listed"),
});

export const matchOut = z.object({
  id: z.uuid(),
  supplier_id: z.uuid(),
  state: z.enum(MATCH_STATES),
  origin: z.enum(MATCH_ORIGINS).describe("who started the match: the buyer, or the supplier nominating itself"),
  distance_km: z.number(),
  inside_circle: z.boolean(),
  quote_fen: z.number().int().nullable(),
  capacity: z.number().int().nullable().describe("the supplier's capacity per year, with a self-nomination"),
  earliest_sop: z.string().nullable().describe("the supplier's earliest SOP (YYYY-MM-DD), with a self-nomination"),
  contract_fen: z.number().int().nullable(),
  period_year: z.number().int().nullable(),
});

export const demandMatches = z.object({
  inside: z.array(rankedHit).describe("suppliers inside the circle, nearest first"),
  outside: z.array(rankedHit).describe("when too few lie inside: the nearest outside (gap signal)"),
  matches: z.array(matchOut),
});

/** The buyer adds a supplier to a demand's matches. */
export const matchCreate = z.object({ supplier_id: z.uuid(), action: z.enum(["shortlist", "invite"]) });
export type MatchCreate = z.output<typeof matchCreate>;

/** The invited supplier's answer: interest with a quote in fen, or a decline. */
export const matchRespond = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("express_interest"),
    quote_fen: fenAmount(0).describe("at most 10^14 fen (CNY 1,000,000,000,000)"),
    quote_note: z.string().max(2000).default(""),
  }),
  z.object({ action: z.literal("decline"), reason: z.string().max(2000).default("") }),
]);
export type MatchRespond = z.output<typeof matchRespond>;

/** The page's answer form: the button's `intent` is the action, the quote is in yuan. */
export const respondForm = formOf(matchRespond, {
  coerce: (v) => ({
    action: v.intent,
    quote_fen: yuanToFen(v.quote),
    quote_note: text(v.quote_note),
    reason: text(v.reason),
  }),
  fields: { quote_fen: "quote", action: "intent" },
  messages: { quote_fen: moneyMessage },
});

/**
 * 自荐: a supplier whose profile fits an open demand (its category, a site inside the
 * circle) answers it uninvited: a quote in fen, its capacity per year, its earliest SOP.
 */
export const matchNominate = z.object({
  quote_fen: fenAmount(0).describe("unit price or quote in fen, at most 10^14 fen (CNY 1,000,000,000,000)"),
  capacity: z
    .number()
    .int()
    .min(0)
    .max(1e12)
    .nullable()
    .default(null)
    .describe("what the supplier can deliver per year, in the demand's unit"),
  earliest_sop: calendarDate.nullable().default(null).describe("the earliest SOP the supplier can make, YYYY-MM-DD"),
  quote_note: z.string().max(2000).default(""),
});
export type MatchNominate = z.output<typeof matchNominate>;

/** The page's self-nomination form: the quote in yuan. */
export const nominateForm = formOf(matchNominate, {
  coerce: (v) => ({
    quote_fen: yuanToFen(v.quote),
    capacity: num(v.capacity),
    earliest_sop: date(v.earliest_sop),
    quote_note: text(v.quote_note),
  }),
  fields: { quote_fen: "quote" },
  messages: { quote_fen: moneyMessage, capacity: "form.invalid", earliest_sop: "form.date" },
});

/**
 * 定点: the contract value in fen, the annual volume, and the ledger period. Without a year,
 * the period is the quarter of the demand's SOP (the quarter of today when it has none).
 */
export const matchConfirm = z.object({
  amount_fen: fenAmount(1).describe("contract value in fen (1 CNY = 100 fen), at most 10^14 (CNY 1,000,000,000,000)"),
  annual_volume: z.number().int().min(0).nullable().default(null),
  year: z
    .number()
    .int()
    .min(2000)
    .max(2100)
    .nullable()
    .default(null)
    .describe("the ledger year; default: the year of the demand's SOP"),
  quarter: z
    .number()
    .int()
    .min(1)
    .max(4)
    .nullable()
    .optional()
    .describe("the ledger quarter; default: the SOP's quarter when the year is not given"),
});
export type MatchConfirm = z.output<typeof matchConfirm>;

/** The page's confirm form: the contract value in yuan. */
export const confirmForm = formOf(matchConfirm, {
  coerce: (v) => ({
    amount_fen: yuanToFen(v.amount),
    annual_volume: num(v.annual_volume),
    year: num(v.year),
    quarter: num(v.quarter),
  }),
  fields: { amount_fen: "amount" },
  messages: { amount_fen: moneyMessage, annual_volume: "form.invalid", year: "form.year", quarter: "form.quarter" },
});

export const matchResult = z.object({
  match_id: z.uuid(),
  state: z.enum(MATCH_STATES),
  already_done: z.boolean(),
  ledger_posted: z.boolean(),
});

export const opportunity = z.object({
  demand_id: z.uuid(),
  part_name: z.string(),
  category: z.string(),
  oem_name_zh: z.string(),
  plant_name_zh: z.string(),
  distance_km: z.number(),
  response_deadline: z.string().nullable(),
  match_state: z.enum(MATCH_STATES).nullable(),
  match_origin: z.enum(MATCH_ORIGINS).nullable(),
});

export const opportunities = z.object({ opportunities: z.array(opportunity) });
