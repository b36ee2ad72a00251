import type { Transaction } from "kysely";
import { audit } from "../../../db/audit.server";
import { enqueueSearchSync } from "../../../db/outbox.server";
import type { Database } from "../../../db/schema";
import {
  findOrganizationByUscc,
  findSupplierByExternalId,
  findSupplierByNameAndPlace,
  finishImportJob,
  importLookups,
  insertImportJob,
  updateImportProgress,
  withSavepoint,
  type ImportCounts,
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
