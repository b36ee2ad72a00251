import { sql, type Kysely } from "kysely";

// Issue 13, finding 2: sums of the ledger must stay exact at any size. One entry is at most
// ¥10^12 (10^14 fen, checked where amounts come in), but a rollup row adds up every entry
// of its key, and a bigint stops at 9.2·10^18 fen: some 92,000 entries at the maximum in one
// OEM, plant, year and category would make the next import fail ("bigint out of range").
// The rollup's amount becomes an integer numeric (38 digits); the statement trigger of
// 0008/0013 adds sums of new entries to it unchanged (sum(bigint) is numeric already).
// The rollup is derived data, not the append-only ledger: rewriting it is allowed.
// Never edit after it has landed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table ledger_rollup alter column amount_fen type numeric(38, 0)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table ledger_rollup alter column amount_fen type bigint`.execute(db);
}
