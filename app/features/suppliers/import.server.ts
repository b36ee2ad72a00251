import type { Transaction } from "kysely";
import { audit } from "../../../db/audit.server";
import { enqueueSearchSync } from "../../../db/outbox.server";
import type { Database } from "../../../db/schema";
import {
  findImportTarget,
  finishImportJob,
  importLookups,
  insertImportJob,
  updateImportProgress,
  withSavepoint,
  type ImportCounts,
} from "../../../db/supplier-import.server";
import {
  findNearDuplicates,
  getSupplierProfile,
  insertSupplierOrganization,
} from "../../../db/supplier-profiles.server";
import { DomainError } from "../../domain/errors";
import type { Actor } from "../../domain/policy";
import { parseImportRow, sameProfile, type ImportRecord, type ImportReportRow } from "../../domain/supplier-import";
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

/** An upload's rows become a job (its audit row in the same transaction); the rows run later. */
export async function startSupplierImport(
  deps: Deps,
  actor: Actor,
  input: ImportRows & { fileName: string },
): Promise<{ jobId: string }> {
  return deps.db.transaction().execute(async (trx) => {
    const jobId = await insertImportJob(trx, {
      fileName: input.fileName,
      totalRows: input.records.length,
      createdBy: actor.userId,
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

type Outcome = "inserted" | "updated" | "unchanged";

/** Upsert one valid row inside the chunk's transaction: by USCC, else by name and county. */
async function applyRow(
  trx: Transaction<Database>,
  uscc: string | null,
  profile: SupplierProfile,
): Promise<{ outcome: Outcome; id: string }> {
  const existing = await findImportTarget(trx, { uscc, nameZh: profile.nameZh, county: profile.sites[0]!.adcode });
  if (existing && existing.kind !== "supplier") throw new DomainError("uscc_not_supplier", "uscc");
  if (existing) {
    const current = await getSupplierProfile(trx, existing.id);
    if (current && sameProfile(current, profile)) return { outcome: "unchanged", id: existing.id };
    // Keep the ids of the existing sites where the import has as many.
    const sites = profile.sites.map((s, i) => ({ ...s, id: current?.sites[i]?.id }));
    await writeSupplierProfile(trx, existing.id, { ...profile, sites });
    return { outcome: "updated", id: existing.id };
  }
  const id = await insertSupplierOrganization(trx, { nameZh: profile.nameZh, nameEn: profile.nameEn, uscc });
  await writeSupplierProfile(trx, id, profile);
  return { outcome: "inserted", id };
}

/**
 * Run an import job over its rows in chunks. Each chunk is one transaction holding the rows
 * it writes, their outbox rows, its audit row (when it wrote a supplier) and the job's
 * progress; inside it each row has its own savepoint, so a refused row writes nothing and
 * the valid rows are written. Between chunks the event loop gets a turn (the server keeps
 * answering). An unexpected failure marks the job failed and is thrown.
 */
export async function runSupplierImport(
  deps: Deps,
  actor: Actor,
  input: ImportRows & { jobId: string },
  opts: { chunkSize?: number } = {},
): Promise<ImportSummary> {
  const { jobId, records } = input;
  const chunkSize = opts.chunkSize ?? 100;
  const report: ImportReportRow[] = [];
  const counts: ImportCounts = { inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
  try {
    const lookups = await importLookups(deps.db);
    for (let start = 0; start < records.length; start += chunkSize) {
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
            const { outcome, id } = await withSavepoint(trx, async () => {
              if (!parsed.uscc) {
                const dupes = await findNearDuplicates(trx, parsed.profile.nameZh, [parsed.profile.sites[0]!.adcode]);
                const similar = dupes.filter((d) => d.nameZh !== parsed.profile.nameZh);
                if (similar.length)
                  chunkReport.push({
                    row,
                    warning: true,
                    reasons: [{ code: "similar_names", vars: { names: similar.map((d) => d.nameZh).join("、") } }],
                  });
              }
              return applyRow(trx, parsed.uscc, parsed.profile);
            });
            chunkCounts[outcome]++;
            if (outcome !== "unchanged") written.push(id);
          } catch (err) {
            chunkCounts.rejected++;
            chunkReport.push({
              row,
              reasons: [
                err instanceof DomainError
                  ? { code: "refused", vars: { error: err.code } }
                  : { code: "failed", vars: { detail: err instanceof Error ? err.message : String(err) } },
              ],
            });
          }
        }
        if (written.length) {
          await enqueueSearchSync(trx, "supplier", written);
          await audit(trx, {
            action: "suppliers_imported",
            actorUserId: actor.userId,
            organizationId: actor.organizationId,
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
        await updateImportProgress(trx, jobId, {
          processedRows: start + chunk.length,
          counts: chunkCounts,
          report: [...report, ...chunkReport],
        });
        return { chunkCounts, chunkReport };
      });
      Object.assign(counts, done.chunkCounts);
      report.push(...done.chunkReport);
      await new Promise((r) => setImmediate(r));
    }
    await finishImportJob(deps.db, jobId, { status: "done", counts, report });
  } catch (err) {
    await finishImportJob(deps.db, jobId, { status: "failed", error: String(err) }).catch(() => {});
    throw err;
  }
  return { ...counts, report };
}

/**
 * The page's import: the job is created now, its rows run after the response (the page
 * polls the job's progress). A failure is recorded on the job, not thrown at the caller.
 */
export async function importSuppliers(
  deps: Deps,
  actor: Actor,
  input: ImportRows & { fileName: string },
): Promise<{ jobId: string }> {
  const { jobId } = await startSupplierImport(deps, actor, input);
  void runSupplierImport(deps, actor, { jobId, records: input.records }).catch((err) => {
    console.error(`[import] supplier import ${jobId} failed:`, err);
  });
  return { jobId };
}
