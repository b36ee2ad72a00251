import { sql, type Transaction } from "kysely";
import type { ImportLookups } from "../app/domain/supplier-import";
import type { ImportStatus } from "../app/domain/vocabulary";
import type { DB } from "./connection.server";
import type { Database } from "./schema";

// The supplier import's repository: jobs, their progress and the lookups a row needs.
// The workflow (rows, chunks, audit) is app/features/suppliers/import.server.ts.

export async function importLookups(db: DB): Promise<ImportLookups> {
  const places = await db
    .selectFrom("places")
    .select(["adcode", "name_zh", "level", "lat", "lng"])
    .where("level", "not in", ["province", "prefecture_city", "autonomous_prefecture"])
    .execute();
  const counties = new Map<string, { adcode: number; lat: number; lng: number }>();
  const nameCount = new Map<string, number>();
  for (const p of places) nameCount.set(p.name_zh, (nameCount.get(p.name_zh) ?? 0) + 1);
  for (const p of places) {
    counties.set(String(p.adcode), p);
    if (nameCount.get(p.name_zh) === 1) counties.set(p.name_zh, p); // names only where unambiguous
  }
  const categories = new Set(
    (await db.selectFrom("part_categories").select("code").where("level", "=", 2).execute()).map((c) => c.code),
  );
  return { counties, categories };
}

export async function insertImportJob(
  db: DB | Transaction<Database>,
  job: { fileName: string; totalRows: number; createdBy: string | null },
): Promise<string> {
  const row = await db
    .insertInto("supplier_imports")
    .values({ file_name: job.fileName, total_rows: job.totalRows, created_by: job.createdBy })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A job's row as stored; its report is JSON the caller parses (app/features/suppliers/import-report.ts). */
export async function getImportJob(db: DB, id: string) {
  return db.selectFrom("supplier_imports").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listImportJobs(db: DB, limit = 20) {
  return db
    .selectFrom("supplier_imports")
    .select([
      "id",
      "file_name",
      "status",
      "total_rows",
      "processed_rows",
      "inserted",
      "updated",
      "unchanged",
      "rejected",
      "created_at",
    ])
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
}

export interface ImportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** Progress of a running job: rows done, counts so far and the report (JSON). */
export async function updateImportProgress(
  db: DB | Transaction<Database>,
  jobId: string,
  progress: { processedRows: number; counts: ImportCounts; report: unknown[] },
) {
  await db
    .updateTable("supplier_imports")
    .set({ processed_rows: progress.processedRows, ...progress.counts, report: JSON.stringify(progress.report) })
    .where("id", "=", jobId)
    .execute();
}

/** The end of a job: done with its counts and report, or failed with the error. */
export async function finishImportJob(
  db: DB,
  jobId: string,
  end: { status: Exclude<ImportStatus, "running">; counts?: ImportCounts; report?: unknown[]; error?: string },
) {
  await db
    .updateTable("supplier_imports")
    .set({
      status: end.status,
      finished_at: new Date(),
      ...(end.counts ?? {}),
      ...(end.report ? { report: JSON.stringify(end.report) } : {}),
      ...(end.error !== undefined ? { error: end.error } : {}),
    })
    .where("id", "=", jobId)
    .execute();
}

/** The organization an import row updates: by USCC (any kind), else a supplier by name and county. */
export async function findImportTarget(
  trx: Transaction<Database>,
  target: { uscc: string | null; nameZh: string; county: number },
) {
  if (target.uscc)
    return trx.selectFrom("organizations").select(["id", "kind"]).where("uscc", "=", target.uscc).executeTakeFirst();
  return trx
    .selectFrom("organizations as o")
    .select(["o.id", "o.kind"])
    .where("o.kind", "=", "supplier")
    .where("o.name_zh", "=", target.nameZh)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("supplier_sites as s")
          .select("s.id")
          .whereRef("s.supplier_id", "=", "o.id")
          .where("s.adcode", "=", target.county),
      ),
    )
    .executeTakeFirst();
}

let savepoints = 0;

/**
 * Run `fn` inside a savepoint of `trx`: when it throws, only its own writes are undone and
 * the transaction goes on (one import row refused inside a chunk's transaction).
 */
export async function withSavepoint<T>(trx: Transaction<Database>, fn: () => Promise<T>): Promise<T> {
  const name = sql.id(`row_${++savepoints}`);
  await sql`savepoint ${name}`.execute(trx);
  try {
    const result = await fn();
    await sql`release savepoint ${name}`.execute(trx);
    return result;
  } catch (err) {
    await sql`rollback to savepoint ${name}`.execute(trx);
    throw err;
  }
}
