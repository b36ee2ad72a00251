import { sql, type Kysely, type Transaction } from "kysely";
import { supplierLocality } from "./procurement-import.server";
import type { Database } from "./schema";
import { DomainError } from "../app/domain/errors";

/**
 * The ledger entry of a confirmed match, in the confirming transaction. Locality is
 * frozen now: the supplier's site nearest the plant, its province and city, the distance
 * and whether it lies inside the 100 km circle. Exactly once per match: a partial unique
 * index on match_id makes a second attempt a no-op.
 */
export async function postMatchEntry(
  trx: Transaction<Database>,
  m: { matchId: string; supplierId: string; oemId: string; plantId: string; categoryCode: string; amountFen: number; year: number; postedBy: string | null },
): Promise<{ posted: boolean }> {
  const plant = await trx.selectFrom("plants").select(["lat", "lng"]).where("id", "=", m.plantId).executeTakeFirstOrThrow();
  const locality = (await supplierLocality(trx, m.supplierId, plant)) ?? {
    supplier_province: "未知", supplier_city_adcode: null, supplier_in_jilin: false, distance_km: null, inside_circle: false,
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
      period_quarter: null,
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
  total_fen: number;
  province_fen: number;
  circle_fen: number;
  nev_total_fen: number;
  nev_province_fen: number;
  nev_circle_fen: number;
}

const DIM_SQL: Record<Dimension, string> = {
  oem: "l.oem_id",
  plant: "l.plant_id",
  year: "l.period_year",
  quarter: "l.period_quarter",
  group: "c.parent_code",
  city: "l.supplier_city_adcode",
};

/**
 * Ledger sums per dimension, for both bases and the NEV key-part subset, in one scan of
 * the rollup the insert trigger keeps (migration 0006). Rates are computed from these with
 * app/domain/rates.ts.
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
  const { rows } = await sql<SumsRow>`
    select ${sql.raw(select.length ? `${select.join(", ")},` : "")}
      coalesce(sum(l.amount_fen), 0)::bigint as total_fen,
      coalesce(sum(l.amount_fen) filter (where l.supplier_in_jilin), 0)::bigint as province_fen,
      coalesce(sum(l.amount_fen) filter (where l.inside_circle), 0)::bigint as circle_fen,
      coalesce(sum(l.amount_fen) filter (where c.nev_key), 0)::bigint as nev_total_fen,
      coalesce(sum(l.amount_fen) filter (where c.nev_key and l.supplier_in_jilin), 0)::bigint as nev_province_fen,
      coalesce(sum(l.amount_fen) filter (where c.nev_key and l.inside_circle), 0)::bigint as nev_circle_fen
    from ledger_rollup l
    join part_categories c on c.code = l.category_code
    where ${sql.join(where, sql` and `)}
    ${sql.raw(dims.length ? `group by ${dims.map((d) => DIM_SQL[d]).join(", ")} order by ${dims.map((d) => DIM_SQL[d]).join(", ")}` : "")}
  `.execute(db);
  return rows;
}

/** Post the reversal of an entry (the OEM's own, or any for administrators): once only. */
export async function reverseEntry(db: Kysely<Database>, entryId: number, scope: { oemId: string | null }, postedBy: string | null) {
  return db.transaction().execute(async (trx) => {
    let q = trx.selectFrom("ledger_entries").selectAll().where("id", "=", entryId);
    if (scope.oemId) q = q.where("oem_id", "=", scope.oemId);
    const entry = await q.executeTakeFirst();
    if (!entry) throw new DomainError("entry_not_found");
    if (entry.source === "reversal") throw new DomainError("cannot_reverse_reversal");
    const { id: _id, posted_at: _at, match_id: _m, document_no: _d, ...rest } = entry;
    const res = await trx
      .insertInto("ledger_entries")
      .values({ ...rest, amount_fen: -entry.amount_fen, source: "reversal", reverses_id: entry.id, match_id: null, document_no: null, posted_by: postedBy })
      .onConflict((oc) => oc.column("reverses_id").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!res) throw new DomainError("already_reversed");
    return res.id;
  });
}
