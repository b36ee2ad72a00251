import { refreshChainCells } from "../db/chain.server";
import type { DB } from "../db/connection.server";

/**
 * Keeps the chain map's supplier side current in the background (decision 017): every
 * `everyMs`, recompute the categories a registry change has marked (the start-up has done
 * it once before serving). A page read refreshes too, so this only takes the cost off the
 * first reader after a large change.
 */
export function startChainRefresh(db: DB, everyMs: number, log: (m: string) => void) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const started = Date.now();
      const done = await refreshChainCells(db);
      if (done) log(`chain map: ${done} categories recomputed in ${Date.now() - started} ms`);
    } catch (err) {
      log(`chain map refresh: ${String(err)}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
