import { sql, type Kysely } from "kysely";

// The procurement import an official can trust (decision 013):
// - An entry may have a locality unknown on either basis (imported only when the uploader
//   asks): counted in the total, never as local, and summed apart so the dashboard shows
//   it. The rollup of 0006/0008 keeps the two flags among its keys.
// - An imported document keeps its parsed content (import_content), so importing the
//   same number with other content is refused naming the fields that differ.
// - A document whose entry was reversed may be imported again, corrected: the import's
//   uniqueness is per (OEM, document number, revision) instead of (OEM, document number).
// Adding columns with constant defaults rewrites no row and fires no row trigger: the
// ledger stays append-only. Never edit after it has landed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table ledger_entries
      add column province_unknown boolean not null default false,
      add column circle_unknown boolean not null default false,
      add column import_revision integer not null default 1,
      add column import_content jsonb,
      add constraint ledger_unknown_province_not_local check (not (province_unknown and supplier_in_jilin)),
      add constraint ledger_unknown_circle_not_local check (not (circle_unknown and inside_circle)),
      add constraint ledger_import_revision_positive check (import_revision >= 1);

    drop index ledger_import_document;
    create unique index ledger_import_document_revision on ledger_entries (oem_id, document_no, import_revision)
      where source = 'import';

    alter table ledger_rollup
      add column province_unknown boolean not null default false,
      add column circle_unknown boolean not null default false;
    do $$
    declare c text;
    begin
      select conname into c from pg_constraint where conrelid = 'ledger_rollup'::regclass and contype = 'u';
      execute format('alter table ledger_rollup drop constraint %I', c);
    end $$;
    alter table ledger_rollup add constraint ledger_rollup_key unique nulls not distinct
      (oem_id, plant_id, period_year, period_quarter, category_code, supplier_city_adcode, supplier_in_jilin, inside_circle,
       province_unknown, circle_unknown);

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
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function ledger_rollup_add_statement() returns trigger language plpgsql as $$
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
    alter table ledger_rollup drop constraint ledger_rollup_key;
    -- Rows that differed only in the flags merge back into one.
    create temporary table ledger_rollup_merged on commit drop as
      select oem_id, plant_id, period_year, period_quarter, category_code, supplier_city_adcode, supplier_in_jilin, inside_circle,
             sum(amount_fen)::bigint as amount_fen, sum(entries)::integer as entries
      from ledger_rollup
      group by oem_id, plant_id, period_year, period_quarter, category_code, supplier_city_adcode, supplier_in_jilin, inside_circle;
    delete from ledger_rollup;
    alter table ledger_rollup drop column province_unknown, drop column circle_unknown;
    insert into ledger_rollup select * from ledger_rollup_merged;
    alter table ledger_rollup add unique nulls not distinct
      (oem_id, plant_id, period_year, period_quarter, category_code, supplier_city_adcode, supplier_in_jilin, inside_circle);

    drop index ledger_import_document_revision;
    create unique index ledger_import_document on ledger_entries (oem_id, document_no) where source = 'import';
    alter table ledger_entries
      drop constraint ledger_import_revision_positive,
      drop constraint ledger_unknown_circle_not_local,
      drop constraint ledger_unknown_province_not_local,
      drop column import_content,
      drop column import_revision,
      drop column circle_unknown,
      drop column province_unknown;
  `.execute(db);
}
