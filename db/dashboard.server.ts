import { sql, type Kysely } from "kysely";
import type { Database } from "./schema";

/** What a dashboard drill-down narrows the ledger to: an OEM, one of its plants, a level-2 category. */
export interface DrillFilters {
  oemId?: string;
  plantId?: string;
  category?: string;
  years?: number[];
}

/** The level a drill-down table groups by. */
export type DrillKey = "oem" | "plant" | "category" | "supplier";

export interface DrillSumsRow {
  /** The row's key: OEM id, plant id, category code, supplier id or outside supplier's name. */
  key: string | null;
  year: number;
  quarter: number | null;
  entries: number;
  total_fen: bigint;
  province_fen: bigint;
  circle_fen: bigint;
  nev_total_fen: bigint;
  nev_province_fen: bigint;
  nev_circle_fen: bigint;
  province_unknown_fen: bigint;
  circle_unknown_fen: bigint;
}

const SUMS = [
  "total_fen",
  "province_fen",
  "circle_fen",
  "nev_total_fen",
  "nev_province_fen",
  "nev_circle_fen",
  "province_unknown_fen",
  "circle_unknown_fen",
] as const;

const sumColumns = (count: string) =>
  sql.raw(`
  ${count} as entries,
  coalesce(sum(l.amount_fen), 0)::text as total_fen,
  coalesce(sum(l.amount_fen) filter (where l.supplier_in_jilin), 0)::text as province_fen,
  coalesce(sum(l.amount_fen) filter (where l.inside_circle), 0)::text as circle_fen,
  coalesce(sum(l.amount_fen) filter (where c.nev_key), 0)::text as nev_total_fen,
  coalesce(sum(l.amount_fen) filter (where c.nev_key and l.supplier_in_jilin), 0)::text as nev_province_fen,
  coalesce(sum(l.amount_fen) filter (where c.nev_key and l.inside_circle), 0)::text as nev_circle_fen,
  coalesce(sum(l.amount_fen) filter (where l.province_unknown), 0)::text as province_unknown_fen,
  coalesce(sum(l.amount_fen) filter (where l.circle_unknown), 0)::text as circle_unknown_fen`);

function whereOf(f: DrillFilters) {
  const where: ReturnType<typeof sql>[] = [sql`true`];
  if (f.oemId) where.push(sql`l.oem_id = ${f.oemId}`);
  if (f.plantId) where.push(sql`l.plant_id = ${f.plantId}`);
  if (f.category) where.push(sql`l.category_code = ${f.category}`);
  if (f.years?.length) where.push(sql`l.period_year = any(${f.years})`);
  return sql.join(where, sql` and `);
}

function toRows(rows: Record<string, unknown>[]): DrillSumsRow[] {
  return rows.map((r) => {
    const out = { ...r, entries: Number(r.entries) } as unknown as DrillSumsRow;
    for (const k of SUMS) out[k] = BigInt(r[k] as string);
    return out;
  });
}

/**
 * Ledger sums per OEM, plant, category or supplier, and per year and quarter, within the
 * filters: exact (numeric text read into bigint). OEM, plant and category from the rollup
 * the insert trigger keeps; suppliers from the entries (the rollup does not keep them),
 * an unregistered supplier by its name.
 */
export async function drillSums(db: Kysely<Database>, by: DrillKey, filters: DrillFilters): Promise<DrillSumsRow[]> {
  if (by === "supplier") {
    const { rows } = await sql<Record<string, unknown>>`
      select coalesce(l.supplier_id::text, 'name:' || l.outside_supplier_name) as key,
        l.period_year as year, l.period_quarter as quarter, ${sumColumns("count(*)")}
      from ledger_entries l
      join part_categories c on c.code = l.category_code
      where ${whereOf(filters)}
      group by 1, 2, 3 order by 1, 2, 3
    `.execute(db);
    return toRows(rows);
  }
  const key = { oem: "l.oem_id::text", plant: "l.plant_id::text", category: "l.category_code" }[by];
  const { rows } = await sql<Record<string, unknown>>`
    select ${sql.raw(key)} as key, l.period_year as year, l.period_quarter as quarter,
      ${sumColumns("coalesce(sum(l.entries), 0)")}
    from ledger_totals l
    join part_categories c on c.code = l.category_code
    where ${whereOf(filters)}
    group by 1, 2, 3 order by 1, 2, 3
  `.execute(db);
  return toRows(rows);
}

/**
 * The years the ledger has entries in (of one OEM, or all), latest first, each with its
 * last quarter and whether any entry is for the whole year (no quarter).
 */
export async function ledgerYears(
  db: Kysely<Database>,
  oemId?: string,
): Promise<{ year: number; lastQuarter: number | null; wholeYear: boolean }[]> {
  const { rows } = await sql<{ year: number; last_quarter: number | null; whole_year: boolean }>`
    select period_year as year, max(period_quarter) as last_quarter, bool_or(period_quarter is null) as whole_year
    from ledger_totals
    where ${oemId ? sql`oem_id = ${oemId}` : sql`true`}
    group by 1 order by 1 desc
  `.execute(db);
  return rows.map((r) => ({
    year: Number(r.year),
    lastQuarter: r.last_quarter === null ? null : Number(r.last_quarter),
    wholeYear: r.whole_year,
  }));
}

/** Names for the drill-down: OEMs, plants (with their OEM) and level-2 categories. */
export async function drillNames(db: Kysely<Database>) {
  const [oems, plants, categories] = await Promise.all([
    db.selectFrom("organizations").select(["id", "name_zh", "name_en"]).where("kind", "=", "oem").execute(),
    db.selectFrom("plants").select(["id", "code", "oem_id", "name_zh", "name_en"]).execute(),
    db.selectFrom("part_categories").select(["code", "name_zh", "name_en", "parent_code"]).execute(),
  ]);
  return { oems, plants, categories };
}

/** Names of registered suppliers by id. */
export async function supplierNames(db: Kysely<Database>, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom("organizations").select(["id", "name_zh", "name_en"]).where("id", "in", ids).execute();
}

/** The ledger entries within the filters, newest first, at most `limit`, with how many there are. */
export async function drillEntries(db: Kysely<Database>, filters: DrillFilters & { year: number }, limit: number) {
  let q = db
    .selectFrom("ledger_entries as l")
    .leftJoin("organizations as s", "s.id", "l.supplier_id")
    .leftJoin("plants as p", "p.id", "l.plant_id")
    .where("l.period_year", "=", filters.year);
  if (filters.oemId) q = q.where("l.oem_id", "=", filters.oemId);
  if (filters.plantId) q = q.where("l.plant_id", "=", filters.plantId);
  if (filters.category) q = q.where("l.category_code", "=", filters.category);
  const [rows, count] = await Promise.all([
    q
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
        "l.province_unknown",
        "l.circle_unknown",
        "l.outside_supplier_name",
        "s.name_zh as supplier_zh",
        "s.name_en as supplier_en",
        "p.code as plant_code",
        "p.name_zh as plant_zh",
        "p.name_en as plant_en",
      ])
      .orderBy("l.period_quarter", "desc")
      .orderBy("l.id", "desc")
      .limit(limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
