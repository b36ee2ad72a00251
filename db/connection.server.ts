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
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
