import { z } from "zod";
import { fenAmount, MAX_AMOUNT_FEN, moneyMessage } from "../../domain/money";
import { date, formOf, text, yuanToFen } from "../demands/form-coercion";

// One schema per input of the officials' instruments (issue 15): the pages' forms and the
// API's query parameters parse with the same schema; the OpenAPI is generated from them.

const year = z.coerce.number().int().min(2000).max(2100);
const oem = z.uuid().optional().describe("OEM organization id (officials); OEM tokens always see their own");
const plant = z
  .string()
  .regex(/^[A-Za-z0-9_]{1,40}$/)
  .optional()
  .describe("plant code (one of the OEM's plants)");
const basis = z
  .enum(["province", "circle"])
  .default("province")
  .describe("province: supplier in Jilin; circle: within 100 km of the plant");

/** GET /api/v1/ledger/new-supply and /dashboard/new-supply. */
export const newSupplyQuery = z.object({
  year: year.optional().describe("the year compared with the year before (default: the latest with entries)"),
  oem,
  plant,
});
export type NewSupplyQuery = z.output<typeof newSupplyQuery>;

/** GET /api/v1/ledger/entrants and /dashboard/entrants. */
export const entrantsQuery = z.object({
  year: year.optional().describe("the year of the first entry (default: the latest with entries)"),
  oem,
});
export type EntrantsQuery = z.output<typeof entrantsQuery>;

/** GET /dashboard/verdicts. */
export const verdictsQuery = z.object({
  year: year.optional().describe("default: the latest year with entries"),
  oem,
  basis,
});
export type VerdictsQuery = z.output<typeof verdictsQuery>;

const demandIds = z
  .string()
  .max(37 * 50)
  .transform((s, ctx) => {
    const ids = s
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean);
    if (ids.length > 50) ctx.addIssue({ code: "custom", message: "at most 50 demands" });
    for (const id of ids)
      if (!z.uuid().safeParse(id).success)
        ctx.addIssue({ code: "custom", message: `not a demand id: ${id.slice(0, 40)}` });
    return [...new Set(ids)];
  });

/** GET /api/v1/ledger/what-if and /dashboard/what-if: a scope and an amount or a set of open demands. */
export const whatIfQuery = z
  .object({
    oem,
    plant,
    year: year.optional().describe("default: the latest year with entries"),
    parts: z.enum(["all", "nev"]).default("all").describe("all parts, or the NEV key parts only"),
    basis,
    amount_fen: z.coerce.number().pipe(fenAmount(1)).optional().describe(`fen bought locally (1 to ${MAX_AMOUNT_FEN})`),
    demands: demandIds
      .optional()
      .describe(
        "comma-separated open demand ids, each awarded to its best-ranked local supplier and counted at that supplier's quote × the demand's annual volume (the quote alone when the demand states no annual volume)",
      ),
  })
  .superRefine((q, ctx) => {
    if (q.amount_fen !== undefined && q.demands?.length)
      ctx.addIssue({ code: "custom", path: ["amount_fen"], message: "give an amount or demands, not both" });
  });
export type WhatIfQuery = z.output<typeof whatIfQuery>;

/** The form of an entrant's production project (the entrants page; amounts in yuan on the page). */
export const entrantProjectInput = z
  .object({
    supplierId: z.uuid(),
    oemId: z.uuid(),
    name: z.string().trim().min(1).max(200),
    totalInvestmentFen: fenAmount(0),
    equipmentInvestmentFen: fenAmount(0),
    constructionStart: z.iso.date(),
  })
  .refine((v) => v.equipmentInvestmentFen <= v.totalInvestmentFen, {
    path: ["equipmentInvestmentFen"],
    message: "form.equipmentAboveTotal",
  });
export type EntrantProjectInput = z.output<typeof entrantProjectInput>;

/** The entrants page's project form: the investments in yuan. */
export const entrantProjectForm = formOf(entrantProjectInput, {
  coerce: (v) => ({
    supplierId: text(v.supplierId),
    oemId: text(v.oemId),
    name: text(v.name),
    totalInvestmentFen: yuanToFen(v.totalInvestment),
    equipmentInvestmentFen: yuanToFen(v.equipmentInvestment),
    constructionStart: date(v.constructionStart),
  }),
  fields: { totalInvestmentFen: "totalInvestment", equipmentInvestmentFen: "equipmentInvestment" },
  messages: {
    totalInvestmentFen: moneyMessage,
    equipmentInvestmentFen: (i) =>
      i.message === "form.equipmentAboveTotal" ? "form.equipmentAboveTotal" : moneyMessage(i),
  },
});

// ---- responses (OpenAPI) ----

const fenSum = z
  .string()
  .regex(/^-?\d+$/)
  .describe("fen (1 CNY = 100 fen) as a decimal integer string: sums can exceed 2^53");
const change = z.object({ previous_fen: fenSum, current_fen: fenSum, change_fen: fenSum });

export const newSupplyOut = z.object({
  year: z.number().int().nullable(),
  definition: z.string(),
  rows: z.array(
    z.object({
      oem_id: z.string(),
      oem: z.string(),
      plant: z.string().nullable().describe("plant code; null for the OEM as a whole"),
      province: change,
      circle: change,
    }),
  ),
  entries: z
    .array(
      z.object({
        id: z.number().int(),
        year: z.number().int(),
        plant: z.string().nullable(),
        supplier: z.string(),
        amount_fen: z.number().int(),
        source: z.string(),
        in_jilin: z.boolean(),
        inside_circle: z.boolean(),
        effect: z.enum(["adds", "subtracts"]).describe("adds: in the year; subtracts: in the year before"),
      }),
    )
    .describe("with an OEM: its local entries of both years, largest first (at most 100)"),
});

export const entrantsOut = z.object({
  year: z.number().int().nullable(),
  rule: z.object({ rate_percent: z.number(), cap_fen: fenSum, min_total_investment_fen: fenSum }),
  entrants: z.array(
    z.object({
      oem_id: z.string(),
      oem: z.string(),
      supplier_id: z.string(),
      supplier: z.string(),
      uscc: z.string().nullable(),
      contract_fen: fenSum,
      demand: z.object({ id: z.string(), part: z.string() }).nullable(),
      project: z
        .object({
          name: z.string(),
          total_investment_fen: z.number().int(),
          equipment_investment_fen: z.number().int(),
          construction_start: z.string(),
        })
        .nullable(),
      reward: z.object({
        eligible: z.boolean(),
        reward_fen: fenSum,
        capped: z.boolean(),
        reason: z.enum(["below_threshold", "no_project"]).nullable(),
      }),
    }),
  ),
});

const verdictOut = z.object({
  verdict: z.enum(["met", "not_met", "not_applicable"]),
  reason: z.enum(["no_procurement", "no_previous_year", "before_target_year"]).nullable(),
  rate: z.number().nullable(),
  threshold: z.number().nullable(),
  fen_needed: fenSum.nullable(),
});
export const verdictsOut = z.object({
  year: z.number().int().nullable(),
  provisional: z.boolean().describe("the year is not over, or its entries do not cover all four quarters"),
  min_rate: verdictOut,
  rise: verdictOut.extend({ previous_rate: z.number().nullable(), change_pp: z.number().nullable() }),
  nev_target: verdictOut,
});

const way = z.object({ total_fen: fenSum, local_fen: fenSum, rate: z.number().nullable() });
export const whatIfOut = z.object({
  year: z.number().int().nullable(),
  basis: z.enum(["province", "circle"]),
  parts: z.enum(["all", "nev"]),
  before: z.object({ total_fen: fenSum, local_fen: fenSum, rate: z.number().nullable() }),
  amount: z.object({ local_fen: fenSum, other_fen: fenSum }),
  demands: z.array(
    z.object({
      id: z.string(),
      part: z.string(),
      supplier: z.string().nullable(),
      quote_fen: z.number().int().nullable().describe("the best-ranked local supplier's quote: a unit price"),
      amount_fen: fenSum
        .nullable()
        .describe(
          "what the demand counts: quote_fen × the demand's annual volume (a year's purchases), or quote_fen alone when the demand states no annual volume; null when unpriced; decimal text, since it can pass 2^53",
        ),
      local: z.boolean(),
      unpriced: z.boolean().describe("no best-ranked local supplier, or it has not quoted: not counted"),
    }),
  ),
  moving: way.extend({
    moved_fen: fenSum,
    definition: z.string(),
  }),
  adding: way.extend({ definition: z.string() }),
  needed: z.array(
    z.object({
      test: z.enum(["min_rate", "rise", "nev_target"]),
      threshold: z.number(),
      moving_fen: fenSum,
      adding_fen: fenSum.nullable().describe("null: cannot be reached by adding"),
    }),
  ),
});
