import { sql, type Kysely } from "kysely";

// Accounts hardened (issue 13, findings 5, 6 and 8):
// - A removed member is deactivated, never deleted: history (the ledger, matches, audit)
//   keeps pointing at them. The ledger's `posted_by` stops being ON DELETE SET NULL, which
//   made the database try to UPDATE the append-only ledger when a member who had posted an
//   entry was deleted (a 500, and the member stayed); deleting such a user is now refused.
// - Throttling counters: one row per key (an account-and-address pair, an account, an
//   address, a user's password check, sign-ups and invitation acceptances per address),
//   incremented by one INSERT … ON CONFLICT DO UPDATE … RETURNING, so concurrent attempts
//   are counted one by one before any password is verified. It replaces sign_in_attempts,
//   which was read before and written after the verification (concurrent attempts all
//   passed the check).
// - Addresses an account has signed in from: the per-account limit does not block them, so
//   a stranger's failures cannot lock the owner out of the places they use.
// Never edit after it has landed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table users add column deactivated_at timestamptz;

    alter table ledger_entries drop constraint ledger_entries_posted_by_fkey;
    alter table ledger_entries add constraint ledger_entries_posted_by_fkey
      foreign key (posted_by) references users (id) on delete restrict;

    create table throttle_counters (
      key text primary key,
      started_at timestamptz not null,
      expires_at timestamptz not null,
      attempts integer not null check (attempts >= 0)
    );
    create index throttle_counters_expires_idx on throttle_counters (expires_at);

    create table sign_in_addresses (
      email text not null,
      ip text not null,
      last_success_at timestamptz not null,
      primary key (email, ip)
    );
    create index sign_in_addresses_last_idx on sign_in_addresses (last_success_at);

    drop table sign_in_attempts;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sign_in_attempts (
      id bigserial primary key,
      email text not null,
      ip text not null,
      succeeded boolean not null,
      at timestamptz not null default now()
    );
    create index sign_in_attempts_email_idx on sign_in_attempts (email, at);
    create index sign_in_attempts_ip_idx on sign_in_attempts (ip, at);
    drop table sign_in_addresses;
    drop table throttle_counters;
    alter table ledger_entries drop constraint ledger_entries_posted_by_fkey;
    alter table ledger_entries add constraint ledger_entries_posted_by_fkey
      foreign key (posted_by) references users (id) on delete set null;
    alter table users drop column deactivated_at;
  `.execute(db);
}
