import { sql, type Kysely } from "kysely";

// Issue 15: the dashboard's map by the supplier's city read `ledger_rollup` (kept per plant,
// quarter and city: ~32,000 rows a year at 1M entries), the slowest of its rate queries.
// `ledger_city_totals` keeps the same exact sums per OEM, year, category and city, without
// the plant and the quarter (several times fewer rows); the rate reads by city without a
// plant or a quarter scan it. Kept by its own statement trigger, as 0020 and 0022 keep theirs.
// Derived data, not the append-only ledger. Never edit after it has landed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- No ledger insert between the backfill and the trigger: one under way (an import on
    -- the instance being replaced) would be in neither.
    lock table ledger_entries in share row exclusive mode;

    create table ledger_city_totals (
      oem_id uuid not null,
      period_year integer not null,
      category_code text not null,
      supplier_city_adcode integer,
      supplier_in_jilin boolean not null,
      inside_circle boolean not null,
      province_unknown boolean not null,
      circle_unknown boolean not null,
      amount_fen numeric(38, 0) not null,
      entries integer not null,
      constraint ledger_city_totals_key unique nulls not distinct
        (oem_id, period_year, category_code, supplier_city_adcode, supplier_in_jilin, inside_circle,
         province_unknown, circle_unknown)
    ) with (fillfactor = 60, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000,
            autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 2000);
    create index ledger_city_totals_year_idx on ledger_city_totals (period_year, oem_id);

    create function ledger_city_add_statement() returns trigger language plpgsql as $$
    begin
      insert into ledger_city_totals as t (oem_id, period_year, category_code, supplier_city_adcode, supplier_in_jilin,
                                           inside_circle, province_unknown, circle_unknown, amount_fen, entries)
      select oem_id, period_year, category_code, supplier_city_adcode, supplier_in_jilin, inside_circle,
             province_unknown, circle_unknown, sum(amount_fen), count(*)
      from new_entries
      group by oem_id, period_year, category_code, supplier_city_adcode, supplier_in_jilin, inside_circle,
               province_unknown, circle_unknown
      on conflict (oem_id, period_year, category_code, supplier_city_adcode, supplier_in_jilin, inside_circle,
                   province_unknown, circle_unknown)
      do update set amount_fen = t.amount_fen + excluded.amount_fen, entries = t.entries + excluded.entries;
      return null;
    end $$;
    create trigger ledger_city_add after insert on ledger_entries
      referencing new table as new_entries for each statement execute function ledger_city_add_statement();

    insert into ledger_city_totals (oem_id, period_year, category_code, supplier_city_adcode, supplier_in_jilin,
                                    inside_circle, province_unknown, circle_unknown, amount_fen, entries)
    select oem_id, period_year, category_code, supplier_city_adcode, supplier_in_jilin, inside_circle,
           province_unknown, circle_unknown, sum(amount_fen), sum(entries)
    from ledger_rollup
    group by oem_id, period_year, category_code, supplier_city_adcode, supplier_in_jilin, inside_circle,
             province_unknown, circle_unknown;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger ledger_city_add on ledger_entries;
    drop function ledger_city_add_statement;
    drop table ledger_city_totals;
  `.execute(db);
}
