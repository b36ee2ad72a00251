import { databaseAnswers, type DB } from "../db/connection.server";

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
 *
 * The probe opens a connection of its own (`databaseAnswers`), never a pool slot: under load
 * every slot can be busy for seconds while the server is fine, and a probe that waited for a
 * slot would shut the whole site for that long. Likewise a request's connection error only
 * asks for a probe at once; the probe, not the error, decides whether the database is down.
 */
export function trackDatabase(db: DB, opts: { everyMs?: number; whileDownMs?: number; timeoutMs?: number } = {}) {
  const everyMs = opts.everyMs ?? 2_000;
  const whileDownMs = opts.whileDownMs ?? 500;
  const timeoutMs = opts.timeoutMs ?? 1_000;
  let up = true;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let inFlight: Promise<boolean> | null = null;
  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(() => void probe(), ms);
    timer.unref();
  };
  const probe = (): Promise<boolean> => {
    inFlight ??= databaseAnswers(db, timeoutMs).then((answers) => {
      up = answers;
      inFlight = null;
      schedule(up ? everyMs : whileDownMs);
      return up;
    });
    return inFlight;
  };
  schedule(everyMs);
  return {
    isUp: () => up,
    /** A request failed: if it was a connection error, probe now. Resolves whether the database is up. */
    report: async (err: unknown): Promise<boolean> => {
      if (!isConnectionError(err)) return up;
      return probe();
    },
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
