import { sql, type Kysely } from "kysely";

// Site documents carry their distance from every plant (decision 008): the index records
// which plants it was built with, and plant codes must be usable as search attribute
// names. New outbox rows wake the sync worker (NOTIFY on commit) instead of waiting for
// its next poll. Never edit after it has landed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table search_state add column plants_fingerprint text;
    alter table plants add constraint plants_code_attribute_chk check (code ~ '^[A-Za-z0-9_]{1,40}$');

    create function search_outbox_notify() returns trigger language plpgsql as $$
    begin
      perform pg_notify('peitao_search_outbox', '');
      return null;
    end $$;
    create trigger search_outbox_notify after insert on search_outbox
      for each statement execute function search_outbox_notify();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger search_outbox_notify on search_outbox;
    drop function search_outbox_notify;
    alter table plants drop constraint plants_code_attribute_chk;
    alter table search_state drop column plants_fingerprint;
  `.execute(db);
}
