import { z } from "zod";

export const ratesQuery = z.object({
  oem: z.uuid().optional().describe("OEM organization id (officials); OEM tokens always see their own"),
  plant: z
    .string()
    .regex(/^[A-Z0-9]{2,12}$/)
    .optional(),
  year: z.coerce
    .number()
    .int()
    .min(2000)
    .max(2100)
    .optional()
    .describe("the year to check against the policy (default: the latest with entries)"),
  quarter: z.coerce.number().int().min(1).max(4).optional(),
  group: z
    .string()
    .regex(/^[A-Z]$/)
    .optional()
    .describe("category group; NEV for the NEV key parts"),
  basis: z.enum(["province", "circle"]).default("province"),
});

export const ratesOut = z.object({
  basis: z.enum(["province", "circle"]),
  years: z.array(
    z.object({
      year: z.number().int(),
      total_fen: z.number().int(),
      local_fen: z.number().int(),
      rate: z.number().nullable(),
      change_pp: z.number().nullable(),
    }),
  ),
  quarters: z.array(
    z.object({
      quarter: z.number().int(),
      total_fen: z.number().int(),
      local_fen: z.number().int(),
      rate: z.number().nullable(),
    }),
  ),
  policy: z.object({
    year: z.number().int().nullable(),
    meets_min_rate: z.boolean(),
    meets_rise: z.boolean(),
    nev_rate: z.number().nullable(),
    meets_nev_target: z.boolean(),
    fen_to_min_rate: z.number().int(),
    fen_to_rise: z.number().int().nullable(),
    fen_to_nev_target: z.number().int(),
  }),
});

export const importResult = z.object({
  inserted: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  report: z.array(z.object({ row: z.number().int(), reasons: z.array(z.string()) })),
});

export const reverseResult = z.object({ reversal_id: z.number().int() });

/**
 * The entry to reverse: the page's hidden field `entryId`, the API's path parameter
 * (POST /api/v1/ledger/entries/{id}/reverse) under the same name.
 */
const noSuchEntry = { error: "form.entry_not_found" };
export const reverseInput = z.object({
  entryId: z.coerce
    .number(noSuchEntry)
    .int(noSuchEntry)
    .positive(noSuchEntry)
    .max(Number.MAX_SAFE_INTEGER, noSuchEntry),
});
export type ReverseInput = z.output<typeof reverseInput>;
export type RatesQuery = z.output<typeof ratesQuery>;
