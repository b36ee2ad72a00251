import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema";

// int8 (bigint, e.g. money in fen, counts) is read as a JS number; a value past
// Number.MAX_SAFE_INTEGER (90 trillion yuan in fen) is an error, never silently rounded.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${value} is beyond the safe integer range`);
  return n;
});

// date columns stay "YYYY-MM-DD" strings: a calendar date has no time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export type DB = Kysely<Database>;

const connectionStrings = new WeakMap<DB, string>();

export function createDb(connectionString: string, opts: { max?: number } = {}): DB {
  const pool = new pg.Pool({
    connectionString,
    max: opts.max ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // A dropped connection (server restart, shutdown) must not crash the process: idle
  // clients report to the pool, checked-out ones to themselves; the query in flight
  // fails with the error either way.
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  connectionStrings.set(db, connectionString);
  return db;
}

/**
 * Whether PostgreSQL answers, asked on a connection of its own outside the pool: a pool
 * whose every slot is busy (load) says nothing about whether the server is up. Resolves
 * true or false, never throws; gives up after `timeoutMs`.
 */
export async function databaseAnswers(db: DB, timeoutMs = 1_000): Promise<boolean> {
  const connectionString = connectionStrings.get(db);
  if (!connectionString) throw new Error("databaseAnswers needs a DB made by createDb");
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    void client.end().catch(() => {});
  }
}
