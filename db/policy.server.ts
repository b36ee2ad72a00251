import { sql, type Kysely } from "kysely";
import { LAPSED_QUOTE_STATES } from "../app/domain/demand";
import type { Database } from "./schema";

// Queries of the officials' instruments (issue 15). Figures come from the ledger's frozen
// locality (supplier_in_jilin, inside_circle as they were when the entry was posted), never
// from where a supplier's sites are today.

export interface MovedEntry {
  id: number;
  oem_id: string;
  plant_code: string | null;
  year: number;
  source: string;
  reverses_id: number | null;
  category_code: string;
  amount_fen: number;
  in_jilin: boolean;
  inside_circle: boolean;
  supplier_name: string;
  supplier_name_en: string | null;
}

/**
 * The local entries (in Jilin or inside the circle when posted) of one OEM in `year` and
 * the year before, largest first: the entries that moved its new in-province supply.
 */
export async function localEntriesOfYears(
  db: Kysely<Database>,
  filters: { oemId: string; plantId?: string; year: number },
  limit = 100,
): Promise<MovedEntry[]> {
  let q = db
    .selectFrom("ledger_entries as l")
    .leftJoin("organizations as s", "s.id", "l.supplier_id")
    .leftJoin("plants as p", "p.id", "l.plant_id")
    .select([
      "l.id",
      "l.oem_id",
      "p.code as plant_code",
      "l.period_year as year",
      "l.source",
      "l.reverses_id",
      "l.category_code",
      "l.amount_fen",
      "l.supplier_in_jilin as in_jilin",
      "l.inside_circle",
      sql<string>`coalesce(s.name_zh, l.outside_supplier_name, '')`.as("supplier_name"),
      "s.name_en as supplier_name_en",
    ])
    .where("l.oem_id", "=", filters.oemId)
    .where("l.period_year", "in", [filters.year - 1, filters.year])
    .where((eb) => eb.or([eb("l.supplier_in_jilin", "=", true), eb("l.inside_circle", "=", true)]));
  if (filters.plantId) q = q.where("l.plant_id", "=", filters.plantId);
  return q
    .orderBy(sql`abs(l.amount_fen)`, "desc")
    .orderBy("l.id")
    .limit(limit)
    .execute();
}

export interface EntrantRow {
  oem_id: string;
  oem_name: string;
  oem_name_en: string | null;
  supplier_id: string;
  supplier_name: string;
  supplier_name_en: string | null;
  uscc: string | null;
  /** Net fen of the supplier's entries in Jilin from the OEM in the year (reversals included). */
  contract_fen: string;
  entries: number;
  /** The demand of its first award, when the first entry came from a confirmed match. */
  demand_id: string | null;
  demand_part: string | null;
  project_id: string | null;
  project_name: string | null;
  total_investment_fen: number | null;
  equipment_investment_fen: number | null;
  construction_start: string | null;
}

/**
 * New entrants of `year`: suppliers whose first entry from an OEM (an award or an imported
 * purchase; a reversed entry and reversals themselves do not count) falls in that year and
 * was posted while the supplier was in Jilin; with the year's net value and the project.
 */
export async function entrantsOfYear(
  db: Kysely<Database>,
  filters: { year: number; oemId?: string; supplierId?: string },
): Promise<EntrantRow[]> {
  const oem = filters.oemId ? sql`and y.oem_id = ${filters.oemId}` : sql``;
  const supplier = filters.supplierId ? sql`and y.supplier_id = ${filters.supplierId}` : sql``;
  // The year's pairs with a counted entry and none in an earlier year (ledger_pair_years,
  // migration 0022), then each one's first counted entry of the year through the index.
  const { rows } = await sql<EntrantRow>`
    with firsts as (
      select y.oem_id, y.supplier_id, y.jilin_fen::text as contract_fen, y.jilin_entries as entries
      from ledger_pair_years y
      where y.period_year = ${filters.year} and y.counted > 0 ${oem} ${supplier}
        and not exists (
          select 1 from ledger_pair_years e
          where e.oem_id = y.oem_id and e.supplier_id = y.supplier_id and e.period_year < ${filters.year} and e.counted > 0
        )
    ),
    first_entry as (
      select f.*, c.supplier_in_jilin, c.match_id
      from firsts f
      cross join lateral (
        select l.supplier_in_jilin, l.match_id from ledger_entries l
        where l.oem_id = f.oem_id and l.supplier_id = f.supplier_id and l.period_year = ${filters.year}
          and l.source <> 'reversal' and not exists (select 1 from ledger_entries r where r.reverses_id = l.id)
        order by l.id
        limit 1
      ) c
    )
    select fe.oem_id, o.name_zh as oem_name, o.name_en as oem_name_en,
      fe.supplier_id, s.name_zh as supplier_name, s.name_en as supplier_name_en, s.uscc,
      fe.contract_fen, fe.entries,
      d.id as demand_id, d.part_name as demand_part,
      p.id as project_id, p.name as project_name, p.total_investment_fen, p.equipment_investment_fen,
      p.construction_start
    from first_entry fe
    join organizations o on o.id = fe.oem_id
    join organizations s on s.id = fe.supplier_id
    left join matches m on m.id = fe.match_id
    left join demands d on d.id = m.demand_id
    left join entrant_projects p on p.oem_id = fe.oem_id and p.supplier_id = fe.supplier_id
    where fe.supplier_in_jilin
    order by o.name_zh, s.name_zh, fe.supplier_id
  `.execute(db);
  return rows;
}

export interface ProjectValues {
  supplierId: string;
  oemId: string;
  name: string;
  totalInvestmentFen: number;
  equipmentInvestmentFen: number;
  constructionStart: string;
  recordedBy: string | null;
}

/** Record (or replace) the project of a supplier and OEM; the previous figures, when there were any. */
export async function upsertEntrantProject(
  trx: Kysely<Database>,
  v: ProjectValues,
): Promise<{ id: string; previous: Record<string, unknown> | null }> {
  const previous = await trx
    .selectFrom("entrant_projects")
    .select(["name", "total_investment_fen", "equipment_investment_fen", "construction_start"])
    .where("supplier_id", "=", v.supplierId)
    .where("oem_id", "=", v.oemId)
    .forUpdate()
    .executeTakeFirst();
  const values = {
    name: v.name,
    total_investment_fen: v.totalInvestmentFen,
    equipment_investment_fen: v.equipmentInvestmentFen,
    construction_start: v.constructionStart,
    recorded_by: v.recordedBy,
    recorded_at: sql<Date>`now()`,
  };
  const row = await trx
    .insertInto("entrant_projects")
    .values({ supplier_id: v.supplierId, oem_id: v.oemId, ...values })
    .onConflict((oc) => oc.columns(["supplier_id", "oem_id"]).doUpdateSet(values))
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, previous: previous ?? null };
}

/** The OEMs (id and names), in name order: the instruments' scope picker. */
export function oemList(db: Kysely<Database>) {
  return db
    .selectFrom("organizations")
    .select(["id", "name_zh", "name_en"])
    .where("kind", "=", "oem")
    .orderBy("name_zh")
    .execute();
}

/** An OEM's plants (id, code, names), in code order. */
export function plantsOf(db: Kysely<Database>, oemId?: string) {
  let q = db.selectFrom("plants").select(["id", "code", "oem_id", "name_zh", "name_en"]);
  if (oemId) q = q.where("oem_id", "=", oemId);
  return q.orderBy("code").execute();
}

/** Open demands of an OEM (or a plant) of the what-if's picker. */
export function openDemandsOf(db: Kysely<Database>, filters: { oemId?: string; plantId?: string; ids?: string[] }) {
  let q = db
    .selectFrom("demands as d")
    .innerJoin("plants as p", "p.id", "d.plant_id")
    .innerJoin("part_categories as c", "c.code", "d.category_code")
    .select(["d.id", "d.oem_id", "d.part_name", "d.category_code", "c.nev_key", "p.code as plant_code"])
    .where("d.status", "=", "open");
  if (filters.oemId) q = q.where("d.oem_id", "=", filters.oemId);
  if (filters.plantId) q = q.where("d.plant_id", "=", filters.plantId);
  if (filters.ids)
    q = q.where("d.id", "in", filters.ids.length ? filters.ids : ["00000000-0000-0000-0000-000000000000"]);
  return q.orderBy("d.created_at", "desc").limit(200).execute();
}

/** The quote a supplier gave on a demand and still stands by (not declined or withdrawn), if any. */
export async function quoteOf(db: Kysely<Database>, demandId: string, supplierId: string): Promise<number | null> {
  const row = await db
    .selectFrom("matches")
    .select("quote_fen")
    .where("demand_id", "=", demandId)
    .where("supplier_id", "=", supplierId)
    .where("state", "not in", LAPSED_QUOTE_STATES)
    .executeTakeFirst();
  return row?.quote_fen ?? null;
}
