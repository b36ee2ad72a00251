import { sql, type Transaction } from "kysely";
import { isCityLevel, seatRadiusKm } from "../app/domain/places";
import type { ImportLookups, ImportPlace } from "../app/domain/supplier-import";
import type { DB } from "./connection.server";
import type { Database } from "./schema";

// The supplier import's repository: jobs, their progress and the lookups a row needs.
// The workflow (rows, chunks, audit) is app/features/suppliers/import.server.ts.

/**
 * The gazetteer and taxonomy a row is checked against: every place below a province, by its
 * code and by its Chinese name (a name may mean several places: the row then says which).
 * A place known only by its seat stands at the seat when the gazetteer has one.
 */
export async function importLookups(db: DB): Promise<ImportLookups> {
  const rows = await db
    .selectFrom("places")
    .select(["adcode", "name_zh", "level", "parent_adcode", "lat", "lng", "seat_lat", "seat_lng", "area_km2"])
    .where("level", "!=", "province")
    .execute();
  const places = new Map<string, ImportPlace[]>();
  const add = (key: string, place: ImportPlace) => places.set(key, [...(places.get(key) ?? []), place]);
  for (const p of rows) {
    const seat = p.seat_lat !== null && p.seat_lng !== null;
    const place: ImportPlace = {
      adcode: p.adcode,
      name: p.name_zh,
      isCity: isCityLevel(p.level),
      parentAdcode: p.parent_adcode,
      lat: seat ? p.seat_lat! : p.lat,
      lng: seat ? p.seat_lng! : p.lng,
      radiusKm: seatRadiusKm(p.area_km2),
    };
    add(String(p.adcode), place);
    add(p.name_zh, place);
  }
  const categories = new Set(
    (await db.selectFrom("part_categories").select("code").where("level", "=", 2).execute()).map((c) => c.code),
  );
  return { places, categories };
}

/** A new job, queued with its parsed rows (they stay until it ends, for a resume). */
export async function insertImportJob(
  db: DB | Transaction<Database>,
  job: { fileName: string; totalRows: number; createdBy: string | null; organizationId: string; rows: unknown[] },
): Promise<string> {
  const row = await db
    .insertInto("supplier_imports")
    .values({
      file_name: job.fileName,
      total_rows: job.totalRows,
      created_by: job.createdBy,
      organization_id: job.organizationId,
      rows: JSON.stringify(job.rows),
      status: "queued",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A job's row as stored (without its rows); its report is JSON the caller parses (app/features/suppliers/import-report.ts). */
export async function getImportJob(db: DB, id: string) {
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
      "report",
      "error",
      "created_by",
      "organization_id",
      "created_at",
      "started_at",
      "finished_at",
    ])
    .where("id", "=", id)
    .executeTakeFirst();
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

/** A runner's hold on a job: whoever holds the lease writes its progress. */
export interface ImportLease {
  owner: string;
  seconds: number;
}

const leaseEnd = (seconds: number) => sql<Date>`now() + make_interval(secs => ${seconds})`;
const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === "23505";

/**
 * Take a job to run: a queued one when its organization runs no other (the partial unique
 * index decides a race), or a running one whose lease ran out (its runner died). The job
 * as it stands, with its rows, or undefined when it cannot be taken now.
 */
export async function claimImportJob(db: DB, jobId: string, lease: ImportLease) {
  try {
    return await db
      .updateTable("supplier_imports")
      .set({
        status: "running",
        lease_owner: lease.owner,
        lease_until: leaseEnd(lease.seconds),
        started_at: sql`coalesce(started_at, now())`,
      })
      .where("id", "=", jobId)
      .where((eb) =>
        eb.or([
          eb("status", "=", "queued"),
          eb.and([eb("status", "=", "running"), eb("lease_until", "<", sql<Date>`now()`)]),
        ]),
      )
      .returningAll()
      .executeTakeFirst();
  } catch (err) {
    if (isUniqueViolation(err)) return undefined;
    throw err;
  }
}

/** The organization's oldest queued job, when it has no running one. */
export async function nextQueuedImport(db: DB, organizationId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("supplier_imports as q")
    .select("q.id")
    .where("q.organization_id", "=", organizationId)
    .where("q.status", "=", "queued")
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("supplier_imports as r")
            .select("r.id")
            .whereRef("r.organization_id", "=", "q.organization_id")
            .where("r.status", "=", "running"),
        ),
      ),
    )
    .orderBy("q.created_at")
    .orderBy("q.id")
    .executeTakeFirst();
  return row?.id;
}

/** Jobs nobody runs: running with their lease run out, or queued in an organization that runs none. */
export async function orphanedImportJobs(db: DB): Promise<{ id: string; organizationId: string | null }[]> {
  const stale = await db
    .selectFrom("supplier_imports")
    .select(["id", "organization_id as organizationId"])
    .where("status", "=", "running")
    .where("lease_until", "<", sql<Date>`now()`)
    .execute();
  const waiting = await db
    .selectFrom("supplier_imports")
    .select("organization_id")
    .distinct()
    .where("status", "=", "queued")
    .where("organization_id", "is not", null)
    .execute();
  const next: { id: string; organizationId: string | null }[] = [];
  for (const { organization_id } of waiting) {
    const id = await nextQueuedImport(db, organization_id!);
    if (id) next.push({ id, organizationId: organization_id });
  }
  return [...stale, ...next];
}

/** Renew the lease; false when the job is no longer this runner's. */
export async function renewImportLease(db: DB, jobId: string, lease: ImportLease): Promise<boolean> {
  const r = await db
    .updateTable("supplier_imports")
    .set({ lease_until: leaseEnd(lease.seconds) })
    .where("id", "=", jobId)
    .where("status", "=", "running")
    .where("lease_owner", "=", lease.owner)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Thrown when a runner finds its job taken over: its chunk's transaction rolls back. */
export class LeaseLostError extends Error {
  constructor(readonly jobId: string) {
    super(`import ${jobId}: the lease was taken over`);
    this.name = "LeaseLostError";
  }
}

/**
 * Progress of a running job, in the transaction of the chunk it counts: rows done, counts
 * so far and the report (JSON); the lease is renewed. A runner that lost its lease gets
 * LeaseLostError, and its chunk is undone.
 */
export async function updateImportProgress(
  db: DB | Transaction<Database>,
  jobId: string,
  progress: { processedRows: number; counts: ImportCounts; report: unknown[] },
  lease?: ImportLease,
) {
  let q = db
    .updateTable("supplier_imports")
    .set({ processed_rows: progress.processedRows, ...progress.counts, report: JSON.stringify(progress.report) })
    .where("id", "=", jobId);
  if (lease)
    q = q
      .set({ lease_until: leaseEnd(lease.seconds) })
      .where("status", "=", "running")
      .where("lease_owner", "=", lease.owner);
  const r = await q.executeTakeFirst();
  if (lease && r.numUpdatedRows === 0n) throw new LeaseLostError(jobId);
}

/**
 * The end of a job: done with its counts and report, or failed with the error (the counts
 * and report it has stay: what it wrote); its rows and lease are let go. With a lease, only
 * while the job is still this runner's.
 */
export async function finishImportJob(
  db: DB,
  jobId: string,
  end: { status: "done" | "failed"; counts?: ImportCounts; report?: unknown[]; error?: string },
  lease?: ImportLease,
) {
  let q = db
    .updateTable("supplier_imports")
    .set({
      status: end.status,
      finished_at: new Date(),
      rows: null,
      lease_owner: null,
      lease_until: null,
      ...(end.counts ?? {}),
      ...(end.report ? { report: JSON.stringify(end.report) } : {}),
      ...(end.error !== undefined ? { error: end.error } : {}),
    })
    .where("id", "=", jobId);
  if (lease) q = q.where("lease_owner", "=", lease.owner);
  await q.execute();
}

export interface ImportTarget {
  id: string;
  kind: string;
  uscc: string | null;
  external_id: string | null;
}

/** The organization (any kind) with this USCC. */
export async function findOrganizationByUscc(
  trx: Transaction<Database>,
  uscc: string,
): Promise<ImportTarget | undefined> {
  return trx
    .selectFrom("organizations")
    .select(["id", "kind", "uscc", "external_id"])
    .where("uscc", "=", uscc)
    .executeTakeFirst();
}

/** The supplier with this external id. */
export async function findSupplierByExternalId(
  trx: Transaction<Database>,
  externalId: string,
): Promise<ImportTarget | undefined> {
  return trx
    .selectFrom("organizations")
    .select(["id", "kind", "uscc", "external_id"])
    .where("external_id", "=", externalId)
    .where("kind", "=", "supplier")
    .executeTakeFirst();
}

/**
 * A supplier with this name and a site in this place. With `withoutExternalId`, only one
 * that has no external id (a row with an external id never takes over another listed record).
 */
export async function findSupplierByNameAndPlace(
  trx: Transaction<Database>,
  target: { nameZh: string; county: number; withoutExternalId?: boolean },
): Promise<ImportTarget | undefined> {
  let q = trx
    .selectFrom("organizations as o")
    .select(["o.id", "o.kind", "o.uscc", "o.external_id"])
    .where("o.kind", "=", "supplier")
    .where("o.name_zh", "=", target.nameZh)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("supplier_sites as s")
          .select("s.id")
          .whereRef("s.supplier_id", "=", "o.id")
          .where("s.adcode", "=", target.county),
      ),
    );
  if (target.withoutExternalId) q = q.where("o.external_id", "is", null);
  return q.executeTakeFirst();
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
