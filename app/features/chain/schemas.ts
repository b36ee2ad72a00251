import { z } from "zod";

const flag = z.enum(["true", "false", "1", "0", "on"]).transform((v) => v === "true" || v === "1" || v === "on");

/** The chain map's query: the page's filters, the guide's and GET /api/v1/chain-map's parameters. */
export const chainQuery = z.object({
  year: z.coerce
    .number()
    .int()
    .min(2000)
    .max(2100)
    .optional()
    .describe("the ledger year of the shares (default: this year)"),
  basis: z
    .enum(["province", "circle"])
    .default("province")
    .describe("which local share colours the cells: supplier in Jilin, or site within 100 km of the plant"),
  nev: flag.default(false).describe("NEV key parts only (true/false)"),
  group: z
    .string()
    .regex(/^[A-Z]$/, "a category group letter, A to J")
    .optional()
    .describe("one category group (A to J)"),
  by: z.enum(["plant", "oem"]).default("plant").describe("columns: plants, or OEMs with their plants together"),
});
export type ChainQuery = z.output<typeof chainQuery>;

/** A cell of the map: its column (plant or OEM id) and its category. */
export const chainCellParams = z.object({
  col: z.uuid(),
  cat: z.string().regex(/^[A-Z]\d{2}$/),
});

/** The guide's choice: plants and categories (none chosen: every gap). */
export const guideChoice = z.object({
  plants: z.array(z.uuid()).max(200).default([]),
  cats: z
    .array(z.string().regex(/^[A-Z]\d{2}$/))
    .max(500)
    .default([]),
});

const fenSum = z
  .string()
  .regex(/^-?\d+$/)
  .describe("fen (1 CNY = 100 fen) as a decimal integer string: sums can exceed 2^53");

export const chainMapOut = z.object({
  year: z.number().int(),
  basis: z.enum(["province", "circle"]),
  by: z.enum(["plant", "oem"]),
  circle_km: z.number(),
  thresholds: z.object({
    thin_min_verified: z.number().int().describe("fewer verified suppliers inside the circle: gap"),
    covered_min_verified: z.number().int(),
    covered_min_share: z.number().describe("local share on the basis a covered cell needs (where it has procurement)"),
  }),
  columns: z.array(z.object({ id: z.string(), code: z.string(), name_zh: z.string(), name_en: z.string().nullable() })),
  rows: z.array(
    z.object({
      category: z.string(),
      group: z.string(),
      name_zh: z.string(),
      name_en: z.string(),
      nev_key: z.boolean(),
    }),
  ),
  cells: z.array(
    z.object({
      column: z.string(),
      category: z.string(),
      verified_inside: z.number().int(),
      pending_inside: z.number().int(),
      nearest_verified_km: z.number().nullable().describe("nearest verified supplier's site, inside the circle or not"),
      total_fen: fenSum.describe("the category's procurement in the year"),
      province_local_fen: fenSum,
      circle_local_fen: fenSum,
      province_share: z.number().nullable(),
      circle_share: z.number().nullable(),
      open_demands: z.number().int(),
      open_volume: z.number(),
      open_demand_fen: fenSum.describe("sum of the lowest quote of each open demand that has one"),
      status: z.enum(["covered", "thin", "gap"]),
    }),
  ),
});
