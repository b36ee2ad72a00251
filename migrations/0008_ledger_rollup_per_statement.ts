import { sql, type Kysely } from "kysely";

// The rollup of 0006 was kept by a row trigger: an import of n entries updated the same few
// rollup rows n times, leaving n dead row versions (1M entries: a 113 MB table of 22k live
// rows, and rate queries 3× slower until autovacuum caught up). A statement trigger with a
// transition table adds each statement's entries grouped, once per rollup row. Same sums.
// Never edit after it has landed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger ledger_entries_rollup on ledger_entries;
    drop function ledger_rollup_add;

    create function ledger_rollup_add_statement() returns trigger language plpgsql as $$
    begin
      insert into ledger_rollup as r (oem_id, plant_id, period_year, period_quarter, category_code, supplier_city_adcode,
                                      supplier_in_jilin, inside_circle, amount_fen, entries)
      select oem_id, plant_id, period_year, period_quarter, category_code, supplier_city_adcode, supplier_in_jilin, inside_circle,
             sum(amount_fen), count(*)
      from new_entries
      group by oem_id, plant_id, period_year, period_quarter, category_code, supplier_city_adcode, supplier_in_jilin, inside_circle
      on conflict (oem_id, plant_id, period_year, period_quarter, category_code, supplier_city_adcode, supplier_in_jilin, inside_circle)
      do update set amount_fen = r.amount_fen + excluded.amount_fen, entries = r.entries + excluded.entries;
      return null;
    end $$;
    create trigger ledger_entries_rollup after insert on ledger_entries
      referencing new table as new_entries
      for each statement execute function ledger_rollup_add_statement();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger ledger_entries_rollup on ledger_entries;
    drop function ledger_rollup_add_statement;
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
  `.execute(db);
}
