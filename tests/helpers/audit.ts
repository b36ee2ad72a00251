import { sql } from "kysely";
import { expect } from "vitest";
import type { DB } from "../../db/connection.server";

/**
 * Proves that a write holds its audit row in its own transaction: while a trigger makes
 * every audit insert fail, `write` must fail and leave `count()` (the rows the write would
 * have made) unchanged. Afterwards the trigger is gone again.
 */
export async function expectAuditInTransaction(db: DB, write: () => Promise<unknown>, count: () => Promise<number>) {
  const before = await count();
  await sql`create or replace function peitao_test_refuse_audit() returns trigger language plpgsql as $$
    begin raise exception 'audit refused by test'; end $$`.execute(db);
  await sql`create trigger peitao_test_refuse_audit before insert on audit_log
    for each row execute function peitao_test_refuse_audit()`.execute(db);
  try {
    await expect(write()).rejects.toThrow(/audit refused by test/);
  } finally {
    await sql`drop trigger if exists peitao_test_refuse_audit on audit_log`.execute(db);
  }
  expect(await count()).toBe(before);
}

/** The audit rows of one action, newest first. */
export async function auditRows(db: DB, action: string) {
  return db.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("id", "desc").execute();
}
