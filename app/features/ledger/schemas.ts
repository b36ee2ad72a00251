import { z } from "zod";
import { LEDGER_SOURCES } from "../../domain/vocabulary";
import { verdictsOut } from "../policy/schemas";

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

/** A sum of fen in JSON: its exact decimal text (sums can pass 2^53, past which JSON numbers lose digits). */
const fenSum = z
  .string()
  .regex(/^-?\d+$/)
  .describe("fen (1 CNY = 100 fen) as a decimal integer string: sums can exceed 2^53");

export const ratesOut = z.object({
  basis: z.enum(["province", "circle"]),
  years: z.array(
    z.object({
      year: z.number().int(),
      total_fen: fenSum,
      local_fen: fenSum,
      rate: z.number().nullable(),
      change_pp: z.number().nullable(),
      unknown_fen: fenSum.describe(
        "of total_fen, purchases whose supplier's locality is unknown on this basis: never in local_fen",
      ),
    }),
  ),
  quarters: z.array(
    z.object({
      quarter: z.number().int(),
      total_fen: fenSum,
      local_fen: fenSum,
      rate: z.number().nullable(),
    }),
  ),
  policy: z.object({
    year: z.number().int().nullable(),
    meets_min_rate: z.boolean(),
    meets_rise: z.boolean(),
    nev_rate: z.number().nullable(),
    meets_nev_target: z.boolean(),
    fen_to_min_rate: fenSum,
    fen_to_rise: fenSum.nullable(),
    fen_to_nev_target: fenSum,
  }),
  verdicts: verdictsOut
    .nullable()
    .describe("one reward verdict per policy test for the year, with the deciding figures; null for an empty ledger"),
});

/**
 * Options of a procurement import: the page's checkbox and the API's query parameter.
 * What a row whose supplier's locality cannot be told (on the province or the circle
 * basis) becomes: a row error, or an entry of unknown locality there (decision 013).
 */
export const importOptions = z.object({
  unknown_locality: z
    .enum(["reject", "import"])
    .default("reject")
    .describe(
      "a row whose supplier's locality cannot be told on a basis: reject (a row error, the default) or import it as locality unknown there (in the total, never local, reported apart)",
    ),
});
export type ImportOptions = z.output<typeof importOptions>;

export const importResult = z.object({
  inserted: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  unknown_locality: z.number().int().describe("of the inserted rows, those imported with their locality unknown"),
  report: z.array(z.object({ row: z.number().int(), reasons: z.array(z.string()) })),
});

export const reverseResult = z.object({ reversal_id: z.number().int() });

/** GET /api/v1/ledger/entries: which entries, one page of them, newest first. */
export const entriesQuery = z.object({
  oem: z.uuid().optional().describe("OEM organization id (officials); OEM tokens always see their own"),
  plant: z
    .string()
    .regex(/^[A-Za-z0-9_]{1,40}$/)
    .optional()
    .describe("plant code (an OEM's own plants only)"),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  quarter: z.coerce.number().int().min(1).max(4).optional(),
  source: z.enum(LEDGER_SOURCES).optional().describe("match, import or reversal"),
  document_no: z.string().min(1).max(100).optional().describe("the OEM's document number of an import, exactly"),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  per_page: z.coerce.number().int().min(1).max(200).default(50),
});
export type EntriesQuery = z.output<typeof entriesQuery>;

export const ledgerEntryOut = z.object({
  id: z.number().int().describe("the id POST /api/v1/ledger/entries/{id}/reverse takes"),
  source: z.enum(LEDGER_SOURCES),
  oem_id: z.string(),
  plant: z.string().nullable().describe("plant code"),
  document_no: z.string().nullable(),
  import_revision: z
    .number()
    .int()
    .nullable()
    .describe("imports: 1, or one more for each corrected import of the same document number after a reversal"),
  year: z.number().int(),
  quarter: z.number().int().nullable(),
  category: z.string(),
  amount_fen: z
    .number()
    .int()
    .describe("negative for a reversal; one entry is at most 10^14 fen (¥1,000,000,000,000), a safe integer"),
  supplier_id: z.string().nullable().describe("a registered supplier's organization id"),
  supplier_uscc: z.string().nullable(),
  supplier_name: z.string(),
  supplier_province: z.string(),
  supplier_city_adcode: z.number().int().nullable(),
  in_jilin: z.boolean(),
  inside_circle: z.boolean(),
  distance_km: z.number().nullable(),
  locality_unknown: z
    .object({ province: z.boolean(), circle: z.boolean() })
    .describe("the basis on which the supplier's locality is unknown: in the total, never local"),
  match_id: z.string().nullable(),
  reverses_id: z.number().int().nullable(),
  reversed_by: z.number().int().nullable().describe("the reversal entry's id, when this entry has been reversed"),
  posted_at: z.string(),
});

export const entriesPage = z.object({
  total: z.number().int(),
  page: z.number().int(),
  per_page: z.number().int(),
  entries: z.array(ledgerEntryOut),
});

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
