import { sql, type Kysely } from "kysely";

// Rates read a rollup of the ledger instead of scanning every entry: the ledger is
// append-only, so an insert trigger keeps exact sums per (OEM, plant, year, quarter,
// category, supplier city, in Jilin, inside the circle). Never edit after it has landed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table ledger_rollup (
      oem_id uuid not null,
      plant_id uuid,
      period_year integer not null,
      period_quarter smallint,
      category_code text not null,
      supplier_city_adcode integer,
      supplier_in_jilin boolean not null,
      inside_circle boolean not null,
      amount_fen bigint not null,
      entries integer not null,
      unique nulls not distinct (oem_id, plant_id, period_year, period_quarter, category_code, supplier_city_adcode, supplier_in_jilin, inside_circle)
    );
    create index ledger_rollup_scope_idx on ledger_rollup (oem_id, period_year);

    create function ledger_rollup_add() returns trigger language plpgsql as $$
    begin
      insert into ledger_rollup as r (oem_id, plant_id, period_year, period_quarter, category_code, supplier_city_adcode,
                                      supplier_in_jilin, inside_circle, amount_fen, entries)
      values (new.oem_id, new.plant_id, new.period_year, new.period_quarter, new.category_code, new.supplier_city_adcode,
              new.supplier_in_jilin, new.inside_circle, new.amount_fen, 1)
      on conflict (oem_id, plant_id, period_year, period_quarter, category_code, supplier_city_adcode, supplier_in_jilin, inside_circle)
      do update set amount_fen = r.amount_fen + excluded.amount_fen, entries = r.entries + 1;
      return null;
    end $$;
    create trigger ledger_entries_rollup after insert on ledger_entries
      for each row execute function ledger_rollup_add();

    insert into ledger_rollup (oem_id, plant_id, period_year, period_quarter, category_code, supplier_city_adcode,
                               supplier_in_jilin, inside_circle, amount_fen, entries)
    select oem_id, plant_id, period_year, period_quarter, category_code, supplier_city_adcode, supplier_in_jilin, inside_circle,
           sum(amount_fen), count(*)
    from ledger_entries
    group by oem_id, plant_id, period_year, period_quarter, category_code, supplier_city_adcode, supplier_in_jilin, inside_circle;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger ledger_entries_rollup on ledger_entries;
    drop function ledger_rollup_add;
    drop table ledger_rollup;
  `.execute(db);
}
