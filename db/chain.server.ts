import { sql } from "kysely";
import { LAPSED_QUOTE_STATES } from "../app/domain/demand";
import { supplierCellsOf, type CategorySite } from "../app/domain/chain-cells";
import { EARTH_RADIUS_KM } from "../app/domain/geo";
import { POLICY_CIRCLE_KM } from "../app/domain/locality";
import type { DB } from "./connection.server";

// The chain map's reads (产业链图谱, docs/decisions/015-chain-map.md). A column is a plant,
// or an OEM with its plants taken together; scoped by the OEM when one is given.

export type ColumnKind = "plant" | "oem";

const km = (siteLat: string, siteLng: string, lat: string, lng: string) =>
  sql.raw(`2 * ${EARTH_RADIUS_KM} * asin(least(1, sqrt(
    power(sin(radians(${siteLat} - ${lat}) / 2), 2) +
    cos(radians(${lat})) * cos(radians(${siteLat})) * power(sin(radians(${siteLng} - ${lng}) / 2), 2))))`);

/** The columns: active plants, or the OEMs that have any, in code order. */
export async function chainColumns(db: DB, by: ColumnKind, oemId?: string) {
  let q = db
    .selectFrom("plants as p")
    .innerJoin("organizations as o", "o.id", "p.oem_id")
    .where("p.retired_at", "is", null);
  if (oemId) q = q.where("p.oem_id", "=", oemId);
  if (by === "plant") {
    return q.select(["p.id", "p.code", "p.name_zh", "p.name_en", "p.oem_id"]).orderBy("p.code").execute();
  }
  return q
    .select(["o.id", "o.code", "o.name_zh", "o.name_en", "o.id as oem_id"])
    .distinct()
    .orderBy("o.code")
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, code: r.code ?? "", name_en: r.name_en ?? r.name_zh })));
}

/** The rows: leaf categories with their group, and the groups. */
export async function chainCategories(db: DB) {
  return db
    .selectFrom("part_categories")
    .select(["code", "parent_code", "level", "name_zh", "name_en", "nev_key"])
    .orderBy("code")
    .execute();
}

export interface SupplierCellRow {
  col: string;
  category_code: string;
  verified_inside: number;
  pending_inside: number;
  nearest_verified_km: number | null;
}

/**
 * Per column and category: verified and pending suppliers with a site (not closed) inside
 * the circle of a plant of the column, and the nearest verified supplier's distance from
 * it wherever it is; read from `chain_supplier_cells` (migration 0021), which
 * `refreshChainCells` keeps. A cell without a row has no verified or pending supplier.
 */
export async function supplierCells(db: DB, by: ColumnKind, oemId?: string): Promise<SupplierCellRow[]> {
  let q = db
    .selectFrom("chain_supplier_cells as c")
    .select([
      sql<string>`c.col_id::text`.as("col"),
      "c.category_code",
      "c.verified_inside",
      "c.pending_inside",
      "c.nearest_verified_km",
    ])
    .where("c.col_kind", "=", by);
  if (oemId) {
    q =
      by === "oem"
        ? q.where("c.col_id", "=", oemId)
        : q.where("c.col_id", "in", (eb) => eb.selectFrom("plants").select("id").where("oem_id", "=", oemId));
  }
  return q.execute();
}

/** One refresh of the chain map's supplier side at a time, across processes (transaction lock). */
const CHAIN_REFRESH_LOCK = 0x7065_6963; // "peic"

/** Categories recomputed per transaction: the lock is held for about this many categories' work. */
const CATEGORIES_PER_ROUND = 8;

/**
 * Recompute the supplier side of the chain map for what registry changes have touched
 * since the last refresh (the marks the triggers of migration 0021 leave: categories, and
 * suppliers whose categories are looked up now), in rounds of at most
 * CATEGORIES_PER_ROUND categories, each one transaction that takes its marks (the rest are
 * left marked for the next round). Returns how many categories it recomputed, or null when
 * `wait` is false and another refresh holds the lock (its cells are read meanwhile: the
 * rows it replaces stay visible until it commits). One category costs its suppliers'
 * sites × the active plants: each supplier counted once per column, at its site nearest to
 * the column's nearest plant.
 */
export async function refreshChainCells(
  db: DB,
  opts: { wait?: boolean; maxRounds?: number } = {},
): Promise<number | null> {
  let done = 0;
  for (let round = 0; round < (opts.maxRounds ?? Infinity); round++) {
    // Nothing marked, the usual case on a read: one indexed look, no transaction or lock.
    if (!(await db.selectFrom("chain_dirty_marks").select("id").limit(1).executeTakeFirst())) break;
    const n = await refreshRound(db, opts.wait ?? true);
    if (n === null) return round === 0 ? null : done;
    if (n === 0) break;
    done += n;
  }
  return done;
}

async function refreshRound(db: DB, wait: boolean): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    if (wait) await sql`select pg_advisory_xact_lock(${CHAIN_REFRESH_LOCK})`.execute(trx);
    else {
      const { rows } = await sql<{ locked: boolean }>`
        select pg_try_advisory_xact_lock(${CHAIN_REFRESH_LOCK}) as locked`.execute(trx);
      if (!rows[0]?.locked) return null;
    }
    // The marks taken, each supplier's categories as they are now.
    const { rows: marked } = await sql<{ category_code: string }>`
      with taken as (delete from chain_dirty_marks returning category_code, supplier_id)
      select distinct coalesce(t.category_code, sc.category_code) as category_code
      from taken t
      left join supplier_categories sc on t.category_code is null and sc.supplier_id = t.supplier_id
      where coalesce(t.category_code, sc.category_code) is not null
      order by 1`.execute(trx);
    const all = marked.map((m) => m.category_code);
    const categories = all.slice(0, CATEGORIES_PER_ROUND);
    const later = all.slice(CATEGORIES_PER_ROUND);
    if (later.length > 0) {
      await trx
        .insertInto("chain_dirty_marks")
        .values(later.map((c) => ({ category_code: c })))
        .execute();
    }
    if (categories.length === 0) return 0;
    // The categories' suppliers with their open sites; distances and counts in
    // supplierCellsOf (the same haversine as the search documents' plant distances).
    const { rows: sites } = await sql<CategorySite>`
      select sc.supplier_id, sc.category_code, o.verification_status as status, s.lat, s.lng
      from supplier_categories sc
      join organizations o on o.id = sc.supplier_id and o.kind = 'supplier'
        and o.verification_status in ('verified', 'pending')
      join supplier_sites s on s.supplier_id = sc.supplier_id and s.operating_status <> 'closed'
      where sc.category_code = any(${categories}::text[])`.execute(trx);
    const plants = await trx
      .selectFrom("plants")
      .select(["id", "oem_id", "lat", "lng"])
      .where("retired_at", "is", null)
      .execute();
    const cells = supplierCellsOf(sites, plants, POLICY_CIRCLE_KM);
    await trx.deleteFrom("chain_supplier_cells").where("category_code", "in", categories).execute();
    for (let i = 0; i < cells.length; i += 1000) {
      await trx
        .insertInto("chain_supplier_cells")
        .values(cells.slice(i, i + 1000))
        .execute();
    }
    return categories.length;
  });
}

/** Recompute every category of the chain map's supplier side (after a restore or a repair); how many. */
export async function rebuildChainCells(db: DB): Promise<number> {
  await sql`insert into chain_dirty_marks (category_code) select distinct category_code from supplier_categories`.execute(
    db,
  );
  return (await refreshChainCells(db)) ?? 0;
}

export interface LedgerCellRow {
  col: string;
  category_code: string;
  year: number;
  total_fen: string;
  province_fen: string;
  circle_fen: string;
  province_unknown_fen: string;
  circle_unknown_fen: string;
  entries: number;
}

/**
 * Ledger sums per column, category and year, from the rollup the insert trigger keeps:
 * each entry's locality as frozen when it was posted; reversals are negative and net out.
 * Sums are exact decimal text.
 */
export async function ledgerCells(
  db: DB,
  by: ColumnKind,
  opts: { years: number[]; oemId?: string },
): Promise<LedgerCellRow[]> {
  const col = by === "plant" ? "l.plant_id" : "l.oem_id";
  const { rows } = await sql<LedgerCellRow>`
    select ${sql.raw(col)}::text as col, l.category_code, l.period_year as year,
      coalesce(sum(l.amount_fen), 0)::text as total_fen,
      coalesce(sum(l.amount_fen) filter (where l.supplier_in_jilin), 0)::text as province_fen,
      coalesce(sum(l.amount_fen) filter (where l.inside_circle), 0)::text as circle_fen,
      coalesce(sum(l.amount_fen) filter (where l.province_unknown), 0)::text as province_unknown_fen,
      coalesce(sum(l.amount_fen) filter (where l.circle_unknown), 0)::text as circle_unknown_fen,
      sum(l.entries)::int as entries
    from ledger_totals l
    where l.period_year = any(${opts.years}) and ${sql.raw(col)} is not null
      ${opts.oemId ? sql`and l.oem_id = ${opts.oemId}` : sql``}
    group by 1, 2, 3
  `.execute(db);
  return rows;
}

export interface DemandCellRow {
  col: string;
  category_code: string;
  demands: number;
  volume: number;
  priced: number;
  value_fen: string;
}

/**
 * Open demands per column and category: how many, their annual volume, and their value
 * over a year: the lowest standing unit quote (not LAPSED_QUOTE_STATES) × the annual
 * volume, or × 1 without one (none or 0), as annualValueFen in app/domain/award.ts counts it;
 * summed over the demands with a quote (`priced`). In numeric: it can pass bigint.
 */
export async function demandCells(db: DB, by: ColumnKind, oemId?: string): Promise<DemandCellRow[]> {
  const col = by === "plant" ? "d.plant_id" : "d.oem_id";
  const { rows } = await sql<DemandCellRow>`
    select ${sql.raw(col)}::text as col, d.category_code,
      count(*)::int as demands,
      coalesce(sum(d.annual_volume), 0)::float8 as volume,
      (count(q.fen))::int as priced,
      coalesce(sum(q.fen::numeric * coalesce(nullif(d.annual_volume, 0), 1)), 0)::text as value_fen
    from demands d
    left join lateral (
      select min(m.quote_fen) as fen from matches m
      where m.demand_id = d.id and m.quote_fen is not null and m.state <> all(${LAPSED_QUOTE_STATES})
    ) q on true
    where d.status = 'open' ${oemId ? sql`and d.oem_id = ${oemId}` : sql``}
    group by 1, 2
  `.execute(db);
  return rows;
}

/** The plants of a column (one plant, or an OEM's active plants). */
export async function columnPlants(db: DB, by: ColumnKind, id: string) {
  return db
    .selectFrom("plants")
    .select(["id", "code", "lat", "lng", "oem_id"])
    .where(by === "plant" ? "id" : "oem_id", "=", id)
    .where("retired_at", "is", null)
    .execute();
}

export interface CellSupplier {
  supplier_id: string;
  name_zh: string;
  name_en: string | null;
  verification_status: string;
  km: number;
  adcode: number;
}

/**
 * Suppliers of one category by distance from the nearest of `plants`, each at its nearest
 * site that is not closed; `where` narrows them: inside the circle (verified or pending),
 * verified outside it, or verified with the nearest site outside Jilin.
 */
export async function categorySuppliers(
  db: DB,
  opts: {
    plantIds: string[];
    category: string;
    where: "inside" | "outside_circle" | "outside_province";
    limit: number;
  },
): Promise<CellSupplier[]> {
  if (!opts.plantIds.length) return [];
  const cond =
    opts.where === "inside"
      ? sql`n.km <= ${POLICY_CIRCLE_KM} and o.verification_status in ('verified', 'pending')`
      : opts.where === "outside_circle"
        ? sql`n.km > ${POLICY_CIRCLE_KM} and o.verification_status = 'verified'`
        : sql`n.adcode / 10000 <> 22 and o.verification_status = 'verified'`;
  const { rows } = await sql<CellSupplier>`
    select n.supplier_id, o.name_zh, o.name_en, o.verification_status, n.km, n.adcode
    from (
      select distinct on (s.supplier_id) s.supplier_id, s.adcode, ${km("s.lat", "s.lng", "p.lat", "p.lng")} as km
      from supplier_categories sc
      join supplier_sites s on s.supplier_id = sc.supplier_id and s.operating_status <> 'closed'
      cross join plants p
      where sc.category_code = ${opts.category} and p.id = any(${opts.plantIds}::uuid[])
        ${opts.where === "outside_province" ? sql`and s.adcode / 10000 <> 22` : sql``}
      order by s.supplier_id, 3
    ) n
    join organizations o on o.id = n.supplier_id
    where ${cond}
    order by n.km, n.supplier_id
    limit ${opts.limit}
  `.execute(db);
  return rows;
}

/**
 * For many (plant, category) pairs at once: the nearest verified suppliers outside the
 * circle, or outside the province, `limit` per pair (the guide's candidates).
 */
export async function nearestOutsideFor(
  db: DB,
  pairs: { plantId: string; category: string }[],
  where: "outside_circle" | "outside_province",
  limit: number,
): Promise<(CellSupplier & { plant_id: string; category_code: string })[]> {
  if (!pairs.length) return [];
  const { rows } = await sql<CellSupplier & { plant_id: string; category_code: string }>`
    select x.plant_id::text as plant_id, x.category_code, n.*
    from unnest(${pairs.map((p) => p.plantId)}::uuid[], ${pairs.map((p) => p.category)}::text[]) as x(plant_id, category_code)
    join plants p on p.id = x.plant_id
    cross join lateral (
      select n.supplier_id, o.name_zh, o.name_en, o.verification_status, n.km, n.adcode
      from (
        select distinct on (s.supplier_id) s.supplier_id, s.adcode, ${km("s.lat", "s.lng", "p.lat", "p.lng")} as km
        from supplier_categories sc
        join supplier_sites s on s.supplier_id = sc.supplier_id and s.operating_status <> 'closed'
        where sc.category_code = x.category_code
          ${where === "outside_province" ? sql`and s.adcode / 10000 <> 22` : sql``}
        order by s.supplier_id, 3
      ) n
      join organizations o on o.id = n.supplier_id and o.verification_status = 'verified'
      where ${where === "outside_circle" ? sql`n.km > ${POLICY_CIRCLE_KM}` : sql`true`}
      order by n.km, n.supplier_id
      limit ${limit}
    ) n
  `.execute(db);
  return rows;
}

/** The ledger entries behind one cell's figures for a year, newest first. */
export async function cellEntries(
  db: DB,
  opts: { by: ColumnKind; id: string; category: string; year: number; limit: number },
) {
  return db
    .selectFrom("ledger_entries as l")
    .leftJoin("organizations as s", "s.id", "l.supplier_id")
    .leftJoin("plants as p", "p.id", "l.plant_id")
    .select([
      "l.id",
      "l.source",
      "l.reverses_id",
      "l.document_no",
      "l.amount_fen",
      "l.period_year",
      "l.period_quarter",
      "l.supplier_in_jilin",
      "l.inside_circle",
      "l.distance_km",
      "l.province_unknown",
      "l.circle_unknown",
      "l.posted_at",
      "l.outside_supplier_name",
      "s.name_zh as supplier_zh",
      "s.name_en as supplier_en",
      "p.code as plant_code",
    ])
    .where(opts.by === "plant" ? "l.plant_id" : "l.oem_id", "=", opts.id)
    .where("l.category_code", "=", opts.category)
    .where("l.period_year", "=", opts.year)
    .orderBy("l.id", "desc")
    .limit(opts.limit)
    .execute();
}
