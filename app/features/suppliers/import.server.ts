import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import { audit } from "../../../db/audit.server";
import { enqueueSearchSync } from "../../../db/outbox.server";
import type { Database } from "../../../db/schema";
import {
  findOrganizationByUscc,
  findSupplierByExternalId,
  findSupplierByNameAndPlace,
  claimImportJob,
  finishImportJob,
  importLookups,
  insertImportJob,
  LeaseLostError,
  nextQueuedImport,
  orphanedImportJobs,
  renewImportLease,
  updateImportProgress,
  withSavepoint,
  type ImportCounts,
  type ImportLease,
  type ImportTarget,
} from "../../../db/supplier-import.server";
import {
  findNearDuplicates,
  getSupplierProfile,
  insertSupplierOrganization,
  setSupplierKeys,
} from "../../../db/supplier-profiles.server";
import { databaseProblem } from "../../domain/database-problem";
import { DomainError } from "../../domain/errors";
import type { Actor } from "../../domain/policy";
import {
  importReportSchema,
  parseImportRow,
  sameProfile,
  type ImportRecord,
  type ImportReportRow,
} from "../../domain/supplier-import";
import type { SupplierProfile } from "../../domain/supplier-profile";
import type { Deps } from "../deps.server";
import { writeSupplierProfile } from "./profile.server";

export interface ImportRows {
  /** Parsed rows of the upload; `row` counts the header as 1. */
  records: { row: number; record: ImportRecord }[];
}

export interface ImportSummary extends ImportCounts {
  report: ImportReportRow[];
}

/** Who imports: the user and their organization (one running import per organization). */
export type ImportActor = Pick<Actor, "userId" | "organizationId">;

/** How long a runner's hold on a job lasts without renewal (PEITAO_IMPORT_LEASE_SECONDS). */
export const DEFAULT_IMPORT_LEASE_SECONDS = 60;

export interface ImportRunOptions {
  chunkSize?: number;
  leaseSeconds?: number;
}

/**
 * An upload's rows become a queued job, holding its rows (its audit row in the same
 * transaction); the rows run later, one job of the organization at a time.
 */
export async function startSupplierImport(
  deps: Deps,
  actor: ImportActor,
  input: ImportRows & { fileName: string },
): Promise<{ jobId: string }> {
  return deps.db.transaction().execute(async (trx) => {
    const jobId = await insertImportJob(trx, {
      fileName: input.fileName,
      totalRows: input.records.length,
      createdBy: actor.userId,
      organizationId: actor.organizationId,
      rows: input.records,
    });
    await audit(trx, {
      action: "suppliers_imported",
      actorUserId: actor.userId,
      organizationId: actor.organizationId,
      subjectType: "supplier_import",
      subjectId: jobId,
      detail: { phase: "started", fileName: input.fileName, totalRows: input.records.length },
      ip: deps.ip,
    });
    return { jobId };
  });
}

/** A job that cannot be run now: another of its organization runs, or it is not waiting. */
export class ImportNotClaimedError extends Error {
  constructor(readonly jobId: string) {
    super(`import ${jobId} cannot be run now`);
    this.name = "ImportNotClaimedError";
  }
}

type Outcome = "inserted" | "updated" | "unchanged";

/**
 * Upsert one valid row inside the chunk's transaction. The supplier it updates: by USCC;
 * else by external id (a renamed company stays one record); else by name and place (only
 * one without an external id, when the row has one). A USCC or an external id that points
 * at another record than the row's other key is refused. Similar names in the place (other
 * than the record itself) come back as a warning when the row has no USCC.
 */
async function applyRow(
  trx: Transaction<Database>,
  row: { uscc: string | null; externalId: string | null; profile: SupplierProfile },
): Promise<{ outcome: Outcome; id: string; similar: string[] }> {
  const { uscc, externalId, profile } = row;
  const place = profile.sites[0]!.adcode;
  let existing: ImportTarget | undefined = uscc ? await findOrganizationByUscc(trx, uscc) : undefined;
  if (existing && existing.kind !== "supplier") throw new DomainError("uscc_not_supplier", "uscc");
  if (externalId) {
    const listed = await findSupplierByExternalId(trx, externalId);
    if (existing && listed && listed.id !== existing.id) throw new DomainError("external_id_conflict", "externalId");
    if (existing?.external_id && existing.external_id !== externalId)
      throw new DomainError("external_id_conflict", "externalId");
    existing ??= listed;
  }
  if (existing && uscc && existing.uscc && existing.uscc !== uscc) throw new DomainError("uscc_conflict", "uscc");
  existing ??= await findSupplierByNameAndPlace(trx, {
    nameZh: profile.nameZh,
    county: place,
    withoutExternalId: externalId !== null,
  });
  const similar = uscc
    ? []
    : (await findNearDuplicates(trx, profile.nameZh, [place], existing?.id))
        .filter((d) => d.nameZh !== profile.nameZh)
        .map((d) => d.nameZh);
  if (existing) {
    const keys = {
      uscc: uscc && !existing.uscc ? uscc : undefined,
      externalId: externalId && !existing.external_id ? externalId : undefined,
    };
    const current = await getSupplierProfile(trx, existing.id);
    if (!keys.uscc && !keys.externalId && current && sameProfile(current, profile))
      return { outcome: "unchanged", id: existing.id, similar };
    await setSupplierKeys(trx, existing.id, keys);
    // Keep the ids of the existing sites where the import has as many.
    const sites = profile.sites.map((s, i) => ({ ...s, id: current?.sites[i]?.id }));
    await writeSupplierProfile(trx, existing.id, { ...profile, sites });
    return { outcome: "updated", id: existing.id, similar };
  }
  const id = await insertSupplierOrganization(trx, {
    nameZh: profile.nameZh,
    nameEn: profile.nameEn,
    uscc,
    externalId,
  });
  await writeSupplierProfile(trx, id, profile);
  return { outcome: "inserted", id, similar };
}

/**
 * Run an import job over its rows in chunks. Each chunk is one transaction holding the rows
 * it writes, their outbox rows, its audit row (when it wrote a supplier) and the job's
 * progress; inside it each row has its own savepoint, so a refused row writes nothing and
 * the valid rows are written. Between chunks the event loop gets a turn (the server keeps
 * answering).
 *
 * The runner holds the job under a lease, renewed by a heartbeat and by every chunk; a job
 * whose runner died (its lease ran out) is taken over by the next runner and resumed after
 * its last committed chunk, with its stored rows. A runner that finds its job taken over
 * stops, its chunk undone (LeaseLostError). Any other failure marks the job failed, with the
 * counts and report of what it wrote, and is thrown. `actor` null: the job's own importer.
 */
export async function runSupplierImport(
  deps: Deps,
  actor: ImportActor | null,
  input: { jobId: string; records?: ImportRows["records"] },
  opts: ImportRunOptions = {},
): Promise<ImportSummary> {
  const { jobId } = input;
  const chunkSize = opts.chunkSize ?? 100;
  const lease: ImportLease = { owner: randomUUID(), seconds: opts.leaseSeconds ?? DEFAULT_IMPORT_LEASE_SECONDS };
  const job = await claimImportJob(deps.db, jobId, lease);
  if (!job) throw new ImportNotClaimedError(jobId);
  const by: ImportActor = actor ?? { userId: job.created_by, organizationId: job.organization_id ?? "" };
  const records = input.records ?? (job.rows as ImportRows["records"] | null);
  if (!records) {
    await finishImportJob(deps.db, jobId, { status: "failed", error: "rows_lost" }, lease);
    throw new Error(`import ${jobId}: its rows are gone`);
  }
  // A resumed job goes on from its last committed chunk, with the counts and report so far.
  const report: ImportReportRow[] = job.processed_rows > 0 ? importReportSchema.parse(job.report) : [];
  const counts: ImportCounts = job.processed_rows
    ? { inserted: job.inserted, updated: job.updated, unchanged: job.unchanged, rejected: job.rejected }
    : { inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
  let lost = false;
  const heartbeat = setInterval(
    () =>
      void renewImportLease(deps.db, jobId, lease)
        .then((held) => (lost ||= !held))
        .catch(() => {}),
    (lease.seconds * 1000) / 3,
  );
  heartbeat.unref();
  try {
    const lookups = await importLookups(deps.db);
    for (let start = job.processed_rows; start < records.length; start += chunkSize) {
      if (lost) throw new LeaseLostError(jobId);
      const chunk = records.slice(start, start + chunkSize);
      const done = await deps.db.transaction().execute(async (trx) => {
        const chunkReport: ImportReportRow[] = [];
        const chunkCounts = { ...counts };
        const written: string[] = [];
        for (const { row, record } of chunk) {
          const parsed = parseImportRow(record, lookups);
          if (!parsed.ok) {
            chunkCounts.rejected++;
            chunkReport.push({ row, reasons: parsed.reasons });
            continue;
          }
          try {
            const { outcome, id, similar } = await withSavepoint(trx, () => applyRow(trx, parsed));
            if (similar.length)
              chunkReport.push({
                row,
                warning: true,
                reasons: [{ code: "similar_names", vars: { names: similar.join("、") } }],
              });
            chunkCounts[outcome]++;
            if (outcome !== "unchanged") written.push(id);
          } catch (err) {
            chunkCounts.rejected++;
            // The report says what a database error means; its own text goes to the server log only.
            if (!(err instanceof DomainError)) console.error(`[import] supplier import ${jobId}, row ${row}:`, err);
            chunkReport.push({
              row,
              reasons: [
                err instanceof DomainError
                  ? { code: "refused", vars: { error: err.code } }
                  : { code: "failed", vars: { problem: databaseProblem(err) } },
              ],
            });
          }
        }
        if (written.length) {
          await enqueueSearchSync(trx, "supplier", written);
          await audit(trx, {
            action: "suppliers_imported",
            actorUserId: by.userId,
            organizationId: by.organizationId,
            subjectType: "supplier_import",
            subjectId: jobId,
            detail: {
              phase: "rows",
              rows: [chunk[0]!.row, chunk[chunk.length - 1]!.row],
              inserted: chunkCounts.inserted - counts.inserted,
              updated: chunkCounts.updated - counts.updated,
              supplierIds: written,
            },
            ip: deps.ip,
          });
        }
        await updateImportProgress(
          trx,
          jobId,
          { processedRows: start + chunk.length, counts: chunkCounts, report: [...report, ...chunkReport] },
          lease,
        );
        return { chunkCounts, chunkReport };
      });
      Object.assign(counts, done.chunkCounts);
      report.push(...done.chunkReport);
      await new Promise((r) => setImmediate(r));
    }
    await finishImportJob(deps.db, jobId, { status: "done", counts, report }, lease);
  } catch (err) {
    if (!(err instanceof LeaseLostError))
      await finishImportJob(deps.db, jobId, { status: "failed", error: String(err) }, lease).catch(() => {});
    throw err;
  } finally {
    clearInterval(heartbeat);
  }
  return { ...counts, report };
}

/**
 * Run the organization's queued jobs one after the other while it runs none (in this
 * process); stops when another runner holds one.
 */
export async function runQueuedSupplierImports(deps: Deps, organizationId: string, opts: ImportRunOptions = {}) {
  for (;;) {
    const jobId = await nextQueuedImport(deps.db, organizationId);
    if (!jobId) return;
    try {
      await runSupplierImport(deps, null, { jobId }, opts);
    } catch (err) {
      if (err instanceof ImportNotClaimedError || err instanceof LeaseLostError) return;
      console.error(`[import] supplier import ${jobId} failed:`, err);
    }
  }
}

/**
 * The page's import: the job is queued now and runs after the response (the page polls
 * the job's progress), when the organization's earlier imports have run. A failure is
 * recorded on the job, not thrown at the caller.
 */
export async function importSuppliers(
  deps: Deps,
  actor: ImportActor,
  input: ImportRows & { fileName: string },
  opts: ImportRunOptions = {},
): Promise<{ jobId: string }> {
  const { jobId } = await startSupplierImport(deps, actor, input);
  void runQueuedSupplierImports(deps, actor.organizationId, opts);
  return { jobId };
}

/**
 * Jobs whose runner died: a running job whose lease ran out is resumed from its last
 * committed chunk, and an organization's queue that nobody runs is run. Called on a timer
 * by the server's primary process; returns the jobs it took up (they run on meanwhile).
 */
export async function recoverSupplierImports(deps: Deps, opts: ImportRunOptions = {}): Promise<string[]> {
  const orphans = await orphanedImportJobs(deps.db);
  const taken: string[] = [];
  for (const { id, organizationId } of orphans) {
    taken.push(id);
    void runSupplierImport(deps, null, { jobId: id }, opts)
      .catch((err) => {
        if (!(err instanceof ImportNotClaimedError || err instanceof LeaseLostError))
          console.error(`[import] supplier import ${id} failed:`, err);
      })
      .then(() => (organizationId ? runQueuedSupplierImports(deps, organizationId, opts) : undefined));
  }
  return taken;
}
