import { sql, type Kysely } from "kysely";

// Issue 15: the new-entrants figure (a supplier's first counted entry from an OEM falls in
// the year) scanned every ledger entry to find each (OEM, supplier) pair's first year:
// 160–256 ms p95 over 1M entries. `ledger_pair_years` keeps, per OEM, supplier and year,
// the entries that count for "first" (neither a reversal nor reversed: a reversal takes one
// away from its entry's pair and year) and the year's value from a supplier in Jilin (all
// entries, reversals included, as the page reports it). The same kind of statement trigger
// as 0006/0020 keeps it; the entrants query reads the year's pairs and looks back through
// the index, and the ledger index below finds each entrant's first entry of the year.
// Derived data, not the append-only ledger. Never edit after it has landed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- No ledger insert between the backfill and the trigger: one under way (an import on
    -- the instance being replaced) would be in neither.
    lock table ledger_entries in share row exclusive mode;

    create table ledger_pair_years (
      oem_id uuid not null,
      supplier_id uuid not null,
      period_year integer not null,
      counted integer not null,
      jilin_fen numeric(38, 0) not null,
      jilin_entries integer not null,
      primary key (oem_id, supplier_id, period_year)
    ) with (fillfactor = 70, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
            autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 5000);
    create index ledger_pair_years_year_idx on ledger_pair_years (period_year, oem_id);
    create index ledger_pair_first_idx on ledger_entries (oem_id, supplier_id, period_year, id)
      where supplier_id is not null;

    create function ledger_pairs_add_statement() returns trigger language plpgsql as $$
    begin
      insert into ledger_pair_years as t (oem_id, supplier_id, period_year, counted, jilin_fen, jilin_entries)
      select oem_id, supplier_id, period_year, sum(counted), sum(jilin_fen), sum(jilin_entries)
      from (
        select oem_id, supplier_id, period_year,
          case when source <> 'reversal' then 1 else 0 end as counted,
          case when supplier_in_jilin then amount_fen else 0 end as jilin_fen,
          case when supplier_in_jilin then 1 else 0 end as jilin_entries
        from new_entries where supplier_id is not null
        union all
        select e.oem_id, e.supplier_id, e.period_year, -1, 0, 0
        from new_entries r join ledger_entries e on e.id = r.reverses_id
        where e.supplier_id is not null and e.source <> 'reversal'
      ) x
      group by oem_id, supplier_id, period_year
      on conflict (oem_id, supplier_id, period_year) do update set
        counted = t.counted + excluded.counted,
        jilin_fen = t.jilin_fen + excluded.jilin_fen,
        jilin_entries = t.jilin_entries + excluded.jilin_entries;
      return null;
    end $$;
    create trigger ledger_pairs_add after insert on ledger_entries
      referencing new table as new_entries for each statement execute function ledger_pairs_add_statement();

    insert into ledger_pair_years (oem_id, supplier_id, period_year, counted, jilin_fen, jilin_entries)
    select l.oem_id, l.supplier_id, l.period_year,
      count(*) filter (where l.source <> 'reversal'
        and not exists (select 1 from ledger_entries r where r.reverses_id = l.id)),
      coalesce(sum(l.amount_fen) filter (where l.supplier_in_jilin), 0),
      count(*) filter (where l.supplier_in_jilin)
    from ledger_entries l
    where l.supplier_id is not null
    group by l.oem_id, l.supplier_id, l.period_year;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger ledger_pairs_add on ledger_entries;
    drop function ledger_pairs_add_statement;
    drop index ledger_pair_first_idx;
    drop table ledger_pair_years;
  `.execute(db);
}
