import { sql, type Kysely } from "kysely";

// Issue 14, item 3: a supplier answers an open demand that fits it without being invited.
// A match now records who started it (`origin`: the buyer shortlisting or inviting, or the
// supplier nominating itself, 自荐) and, with the quote, the supplier's capacity per year and
// its earliest SOP. Existing matches were all started by buyers.
// Never edit after it has landed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table matches
      add column origin text not null default 'buyer' check (origin in ('buyer', 'supplier')),
      add column capacity bigint check (capacity >= 0),
      add column earliest_sop date;
    create index matches_supplier_updated_idx on matches (supplier_id, updated_at desc);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index if exists matches_supplier_updated_idx;
    alter table matches drop column origin, drop column capacity, drop column earliest_sop;
  `.execute(db);
}
