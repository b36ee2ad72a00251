import { sql } from "kysely";
import type { DB } from "../db/connection.server";

/** Errors that mean "the database cannot be reached", not "the query was wrong". */
export function isConnectionError(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | undefined;
  if (!e) return false;
  if (
    [
      "ECONNREFUSED",
      "ECONNRESET",
      "ETIMEDOUT",
      "EPIPE",
      "57P01",
      "57P02",
      "57P03",
      "08000",
      "08001",
      "08003",
      "08006",
    ].includes(e.code ?? "")
  )
    return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(
    e.message ?? "",
  );
}

/**
 * Whether PostgreSQL answers, as the request guard needs it without a round trip: a probe
 * every 2 s while up, every 500 ms while down, and at once when a request reports a
 * connection error. While down, pages answer 503 (load balancers take the hint).
 */
export function trackDatabase(db: DB) {
  let up = true;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const probe = async () => {
    try {
      await Promise.race([
        sql`select 1`.execute(db),
        new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 1_000).unref()),
      ]);
      up = true;
    } catch {
      up = false;
    }
    if (!stopped) timer = setTimeout(probe, up ? 2_000 : 500);
    timer?.unref();
  };
  timer = setTimeout(probe, 2_000);
  timer.unref();
  return {
    isUp: () => up,
    report: (err: unknown) => {
      if (!isConnectionError(err) || !up) return;
      up = false;
      clearTimeout(timer);
      timer = setTimeout(probe, 500);
      timer.unref();
    },
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
