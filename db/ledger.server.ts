import { sql, type Kysely, type Selectable, type Transaction } from "kysely";
import { supplierLocality } from "./procurement-import.server";
import type { LedgerSource } from "../app/domain/vocabulary";
import type { Database, LedgerEntriesTable } from "./schema";

/**
 * The ledger entry of a confirmed match, in the confirming transaction. Locality is
 * frozen now: the supplier's site nearest the plant, its province and city, the distance
 * and whether it lies inside the 100 km circle. Exactly once per match: a partial unique
 * index on match_id makes a second attempt a no-op.
 */
export async function postMatchEntry(
  trx: Transaction<Database>,
  m: {
    matchId: string;
    supplierId: string;
    oemId: string;
    plantId: string;
    categoryCode: string;
    amountFen: number;
    year: number;
    /** The quarter (1–4), or null for a whole year. */
    quarter?: number | null;
    postedBy: string | null;
  },
): Promise<{ posted: boolean }> {
  const plant = await trx
    .selectFrom("plants")
    .select(["lat", "lng"])
    .where("id", "=", m.plantId)
    .executeTakeFirstOrThrow();
  // A supplier without a site: its locality is unknown on both bases, never silently non-local.
  const locality = (await supplierLocality(trx, m.supplierId, plant)) ?? {
    supplier_province: "未知",
    supplier_city_adcode: null,
    supplier_in_jilin: false,
    distance_km: null,
    inside_circle: false,
    province_unknown: true,
    circle_unknown: true,
  };
  const res = await trx
    .insertInto("ledger_entries")
    .values({
      oem_id: m.oemId,
      plant_id: m.plantId,
      supplier_id: m.supplierId,
      ...locality,
      category_code: m.categoryCode,
      amount_fen: m.amountFen,
      period_year: m.year,
      period_quarter: m.quarter ?? null,
      source: "match",
      match_id: m.matchId,
      posted_by: m.postedBy,
    })
    .onConflict((oc) => oc.column("match_id").where("source", "=", "match").doNothing())
    .executeTakeFirst();
  return { posted: Number(res.numInsertedOrUpdatedRows ?? 0) === 1 };
}

export type Dimension = "oem" | "plant" | "year" | "quarter" | "group" | "city";

export interface SumsRow {
  oem?: string;
  plant?: string | null;
  year?: number;
  quarter?: number | null;
  group?: string;
  city?: number | null;
  total_fen: bigint;
  province_fen: bigint;
  circle_fen: bigint;
  nev_total_fen: bigint;
  nev_province_fen: bigint;
  nev_circle_fen: bigint;
  /** Of the total, the part whose locality is unknown on each basis (never in the local part). */
  province_unknown_fen: bigint;
  circle_unknown_fen: bigint;
}

const SUM_FIELDS = [
  "total_fen",
  "province_fen",
  "circle_fen",
  "nev_total_fen",
  "nev_province_fen",
  "nev_circle_fen",
  "province_unknown_fen",
  "circle_unknown_fen",
] as const;

const DIM_SQL: Record<Dimension, string> = {
  oem: "l.oem_id",
  plant: "l.plant_id",
  year: "l.period_year",
  quarter: "l.period_quarter",
  group: "c.parent_code",
  city: "l.supplier_city_adcode",
};

/**
 * The smallest rollup that holds the dimensions and filters: `ledger_totals` (0020) has
 * everything but the supplier's city; `ledger_city_totals` (0023) the city without the plant
 * and the quarter; `ledger_rollup` (0006) all of them.
 */
function rollupFor(dims: Dimension[], filters: { plantId?: string }) {
  if (!dims.includes("city")) return "ledger_totals";
  if (dims.includes("plant") || dims.includes("quarter") || filters.plantId) return "ledger_rollup";
  return "ledger_city_totals";
}

/**
 * Ledger sums per dimension, for both bases and the NEV key-part subset, in one scan of
 * the rollups the insert triggers keep (rollupFor). Rates are computed from these with
 * app/domain/rates.ts. The sums are numeric in PostgreSQL (the rollup's amounts too, since
 * migration 0016) and bigint here: exact at any size, never a JS number past 2^53.
 */
export async function ledgerSums(
  db: Kysely<Database>,
  dims: Dimension[],
  filters: { oemId?: string; years?: number[]; plantId?: string; group?: string } = {},
): Promise<SumsRow[]> {
  const select = dims.map((d) => `${DIM_SQL[d]} as "${d}"`);
  const where: ReturnType<typeof sql>[] = [sql`true`];
  if (filters.oemId) where.push(sql`l.oem_id = ${filters.oemId}`);
  if (filters.years?.length) where.push(sql`l.period_year = any(${filters.years})`);
  if (filters.plantId) where.push(sql`l.plant_id = ${filters.plantId}`);
  if (filters.group) where.push(sql`c.parent_code = ${filters.group}`);
  // Each sum as its exact decimal text (numeric::text), read into a bigint below.
  const { rows } = await sql<Omit<SumsRow, (typeof SUM_FIELDS)[number]> & Record<(typeof SUM_FIELDS)[number], string>>`
    select ${sql.raw(select.length ? `${select.join(", ")},` : "")}
      coalesce(sum(l.amount_fen), 0)::text as total_fen,
      coalesce(sum(l.amount_fen) filter (where l.supplier_in_jilin), 0)::text as province_fen,
      coalesce(sum(l.amount_fen) filter (where l.inside_circle), 0)::text as circle_fen,
      coalesce(sum(l.amount_fen) filter (where c.nev_key), 0)::text as nev_total_fen,
      coalesce(sum(l.amount_fen) filter (where c.nev_key and l.supplier_in_jilin), 0)::text as nev_province_fen,
      coalesce(sum(l.amount_fen) filter (where c.nev_key and l.inside_circle), 0)::text as nev_circle_fen,
      coalesce(sum(l.amount_fen) filter (where l.province_unknown), 0)::text as province_unknown_fen,
      coalesce(sum(l.amount_fen) filter (where l.circle_unknown), 0)::text as circle_unknown_fen
    from ${sql.raw(rollupFor(dims, filters))} l
    join part_categories c on c.code = l.category_code
    where ${sql.join(where, sql` and `)}
    ${sql.raw(dims.length ? `group by ${dims.map((d) => DIM_SQL[d]).join(", ")} order by ${dims.map((d) => DIM_SQL[d]).join(", ")}` : "")}
  `.execute(db);
  return rows.map((r) => {
    const out = { ...r } as unknown as SumsRow;
    for (const k of SUM_FIELDS) out[k] = BigInt(r[k]);
    return out;
  });
}

/** One entry of an OEM (of any OEM for a null scope), to reverse. */
export function entryForReversal(trx: Transaction<Database>, entryId: number, scope: { oemId: string | null }) {
  let q = trx.selectFrom("ledger_entries").selectAll().where("id", "=", entryId);
  if (scope.oemId) q = q.where("oem_id", "=", scope.oemId);
  return q.executeTakeFirst();
}

/**
 * Insert the reversal of an entry: the same locality and period, the amount negated.
 * Null when the entry already has one (a unique index on reverses_id).
 */
export async function insertReversal(
  trx: Transaction<Database>,
  entry: Selectable<LedgerEntriesTable>,
  postedBy: string | null,
): Promise<number | null> {
  const { id: _id, posted_at: _at, match_id: _m, document_no: _d, import_content: _c, ...rest } = entry;
  const res = await trx
    .insertInto("ledger_entries")
    .values({
      ...rest,
      amount_fen: -entry.amount_fen,
      source: "reversal",
      reverses_id: entry.id,
      match_id: null,
      document_no: null,
      import_content: null,
      posted_by: postedBy,
    })
    .onConflict((oc) => oc.column("reverses_id").doNothing())
    .returning("id")
    .executeTakeFirst();
  return res?.id ?? null;
}

/** An OEM's latest entries for its ledger page, with the supplier's name and the reversal if any. */
export function recentEntries(db: Kysely<Database>, oemId: string, limit = 100) {
  return db
    .selectFrom("ledger_entries as l")
    .leftJoin("organizations as s", "s.id", "l.supplier_id")
    .leftJoin("ledger_entries as r", "r.reverses_id", "l.id")
    .select([
      "l.id",
      "l.source",
      "l.document_no",
      "l.period_year",
      "l.period_quarter",
      "l.category_code",
      "l.amount_fen",
      "l.supplier_in_jilin",
      "l.inside_circle",
      "l.distance_km",
      "l.province_unknown",
      "l.circle_unknown",
      "l.outside_supplier_name",
      "s.name_zh as supplier_name",
      "s.name_en as supplier_name_en",
      "r.id as reversed_by",
    ])
    .where("l.oem_id", "=", oemId)
    .orderBy("l.id", "desc")
    .limit(limit)
    .execute();
}

/** A plant's id by its code, only among one OEM's plants when `oemId` is given. */
export async function plantIdByCode(db: Kysely<Database>, code: string, oemId?: string): Promise<string | null> {
  let q = db.selectFrom("plants").select("id").where("code", "=", code);
  if (oemId) q = q.where("oem_id", "=", oemId);
  return (await q.executeTakeFirst())?.id ?? null;
}

export interface EntryFilters {
  /** One OEM's entries; all OEMs' when absent. */
  oemId?: string;
  plantId?: string;
  year?: number;
  quarter?: number;
  source?: LedgerSource;
  documentNo?: string;
}

/**
 * Ledger entries matching the filters, newest first, one page of them and how many match:
 * each with its plant's code, its supplier's name and USCC, and the reversal if it has one.
 */
export async function listEntries(
  db: Kysely<Database>,
  filters: EntryFilters,
  page: { limit: number; offset: number },
) {
  let q = db
    .selectFrom("ledger_entries as l")
    .leftJoin("organizations as s", "s.id", "l.supplier_id")
    .leftJoin("plants as p", "p.id", "l.plant_id")
    .leftJoin("ledger_entries as r", "r.reverses_id", "l.id");
  if (filters.oemId) q = q.where("l.oem_id", "=", filters.oemId);
  if (filters.plantId) q = q.where("l.plant_id", "=", filters.plantId);
  if (filters.year !== undefined) q = q.where("l.period_year", "=", filters.year);
  if (filters.quarter !== undefined) q = q.where("l.period_quarter", "=", filters.quarter);
  if (filters.source) q = q.where("l.source", "=", filters.source);
  if (filters.documentNo !== undefined) q = q.where("l.document_no", "=", filters.documentNo);
  const [rows, count] = await Promise.all([
    q
      .select([
        "l.id",
        "l.oem_id",
        "p.code as plant_code",
        "l.source",
        "l.document_no",
        "l.import_revision",
        "l.period_year",
        "l.period_quarter",
        "l.category_code",
        "l.amount_fen",
        "l.supplier_id",
        "s.name_zh as supplier_name",
        "s.uscc as supplier_uscc",
        "l.outside_supplier_name",
        "l.supplier_province",
        "l.supplier_city_adcode",
        "l.supplier_in_jilin",
        "l.inside_circle",
        "l.distance_km",
        "l.province_unknown",
        "l.circle_unknown",
        "l.match_id",
        "l.reverses_id",
        "r.id as reversed_by",
        "l.posted_at",
      ])
      .orderBy("l.id", "desc")
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
