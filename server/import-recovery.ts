import { recoverProcurementImports } from "../app/features/ledger/import-procurement.server";
import { recoverSupplierImports } from "../app/features/suppliers/import.server";
import type { DB } from "../db/connection.server";
import type { Search } from "../search/client.server";

/**
 * Every half lease, take up the import jobs whose runner died (an HTTP worker that crashed
 * or was killed): a supplier import resumes after its last committed chunk, in this
 * process; a procurement import is marked failed with what it wrote (its rows lived in the
 * request); a queue nobody runs is run.
 */
export function startImportRecovery(
  services: { db: DB; search: Search },
  leaseSeconds: number,
  log: (m: string) => void,
) {
  const deps = { db: services.db, search: services.search, ip: null };
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const resumed = await recoverSupplierImports(deps, { leaseSeconds });
      if (resumed.length) log(`supplier imports taken up: ${resumed.join(", ")}`);
      const failed = await recoverProcurementImports(deps);
      if (failed.length) log(`procurement imports whose worker stopped, marked failed: ${failed.join(", ")}`);
    } catch (err) {
      log(`import recovery: ${String(err)}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), (leaseSeconds * 1000) / 2);
  timer.unref();
  void tick();
  return { stop: () => clearInterval(timer) };
}
