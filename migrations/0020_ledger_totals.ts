import { sql, type Kysely } from "kysely";

// Issue 15: rate queries over 1M imported entries took 224 ms p95 at 100k suppliers. The
// rollup of 0006 keys its sums by the supplier's city too, which only the rates API's
// `by=city` view reads; with entries imported from every county of four provinces that key
// multiplies the rows a rate query scans. `ledger_totals` keeps the same exact sums without
// the city: every other read (rates, dashboard, drill-down, chain map, new supply, years)
// scans it. The same statement trigger adds each statement's entries to both, grouped.
// Both tables leave room on each page (fillfactor) so the trigger's updates stay HOT (no
// index entry per update) and autovacuum visits them after a few thousand changed rows
// rather than a fifth of the table, so an import's dead row versions do not linger.
// Derived data, not the append-only ledger. Never edit after it has landed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- No ledger insert between the backfill and the trigger: one under way (an import on
    -- the instance being replaced) would be in neither.
    lock table ledger_entries in share row exclusive mode;

    create table ledger_totals (
      oem_id uuid not null,
      plant_id uuid,
      period_year integer not null,
      period_quarter smallint,
      category_code text not null,
      supplier_in_jilin boolean not null,
      inside_circle boolean not null,
      province_unknown boolean not null,
      circle_unknown boolean not null,
      amount_fen numeric(38, 0) not null,
      entries integer not null,
      constraint ledger_totals_key unique nulls not distinct
        (oem_id, plant_id, period_year, period_quarter, category_code, supplier_in_jilin, inside_circle,
         province_unknown, circle_unknown)
    ) with (fillfactor = 60, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000,
            autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 2000);
    create index ledger_totals_year_idx on ledger_totals (period_year, oem_id);

    alter table ledger_rollup set (fillfactor = 60, autovacuum_vacuum_scale_factor = 0,
      autovacuum_vacuum_threshold = 2000, autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 2000);

    insert into ledger_totals (oem_id, plant_id, period_year, period_quarter, category_code, supplier_in_jilin, inside_circle,
                               province_unknown, circle_unknown, amount_fen, entries)
    select oem_id, plant_id, period_year, period_quarter, category_code, supplier_in_jilin, inside_circle,
           province_unknown, circle_unknown, sum(amount_fen), sum(entries)
    from ledger_rollup
    group by oem_id, plant_id, period_year, period_quarter, category_code, supplier_in_jilin, inside_circle,
             province_unknown, circle_unknown;

    create or replace function ledger_rollup_add_statement() returns trigger language plpgsql as $$
    begin
      insert into ledger_rollup as r (oem_id, plant_id, period_year, period_quarter, category_code, supplier_city_adcode,
                                      supplier_in_jilin, inside_circle, province_unknown, circle_unknown, amount_fen, entries)
      select oem_id, plant_id, period_year, period_quarter, category_code, supplier_city_adcode, supplier_in_jilin, inside_circle,
             province_unknown, circle_unknown, sum(amount_fen), count(*)
      from new_entries
      group by oem_id, plant_id, period_year, period_quarter, category_code, supplier_city_adcode, supplier_in_jilin, inside_circle,
               province_unknown, circle_unknown
      on conflict (oem_id, plant_id, period_year, period_quarter, category_code, supplier_city_adcode, supplier_in_jilin, inside_circle,
                   province_unknown, circle_unknown)
      do update set amount_fen = r.amount_fen + excluded.amount_fen, entries = r.entries + excluded.entries;

      insert into ledger_totals as t (oem_id, plant_id, period_year, period_quarter, category_code,
                                      supplier_in_jilin, inside_circle, province_unknown, circle_unknown, amount_fen, entries)
      select oem_id, plant_id, period_year, period_quarter, category_code, supplier_in_jilin, inside_circle,
             province_unknown, circle_unknown, sum(amount_fen), count(*)
      from new_entries
      group by oem_id, plant_id, period_year, period_quarter, category_code, supplier_in_jilin, inside_circle,
               province_unknown, circle_unknown
      on conflict (oem_id, plant_id, period_year, period_quarter, category_code, supplier_in_jilin, inside_circle,
                   province_unknown, circle_unknown)
      do update set amount_fen = t.amount_fen + excluded.amount_fen, entries = t.entries + excluded.entries;
      return null;
    end $$;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function ledger_rollup_add_statement() returns trigger language plpgsql as $$
    begin
      insert into ledger_rollup as r (oem_id, plant_id, period_year, period_quarter, category_code, supplier_city_adcode,
                                      supplier_in_jilin, inside_circle, province_unknown, circle_unknown, amount_fen, entries)
      select oem_id, plant_id, period_year, period_quarter, category_code, supplier_city_adcode, supplier_in_jilin, inside_circle,
             province_unknown, circle_unknown, sum(amount_fen), count(*)
      from new_entries
      group by oem_id, plant_id, period_year, period_quarter, category_code, supplier_city_adcode, supplier_in_jilin, inside_circle,
               province_unknown, circle_unknown
      on conflict (oem_id, plant_id, period_year, period_quarter, category_code, supplier_city_adcode, supplier_in_jilin, inside_circle,
                   province_unknown, circle_unknown)
      do update set amount_fen = r.amount_fen + excluded.amount_fen, entries = r.entries + excluded.entries;
      return null;
    end $$;
    alter table ledger_rollup reset (fillfactor, autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold,
      autovacuum_analyze_scale_factor, autovacuum_analyze_threshold);
    drop table ledger_totals;
  `.execute(db);
}
