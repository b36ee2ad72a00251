import { sql, type Transaction } from "kysely";
import type { DB } from "./connection.server";
import type { Database } from "./schema";

// The verification queue's repository: pending suppliers, their decisions and the snapshots
// kept with them. The workflow (checks, audit, outbox) is app/features/suppliers/verification.server.ts.

type Handle = DB | Transaction<Database>;

export interface QueueFilter {
  /** Part of the Chinese or English name, or of the USCC. */
  q?: string;
  /** A prefecture (city) adcode: a site in the city or one of its counties. */
  city?: number;
  /** A leaf category code (A01) or a group (A). */
  category?: string;
  source?: "sign_up" | "import";
}

/** `%` and `_` in text a user typed match themselves, not any characters. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function pendingSuppliers(db: Handle, f: QueueFilter) {
  let q = db
    .selectFrom("organizations as o")
    .where("o.kind", "=", "supplier")
    .where("o.verification_status", "=", "pending");
  if (f.q) {
    const pattern = `%${likeEscape(f.q)}%`;
    q = q.where((eb) =>
      eb.or([eb("o.name_zh", "ilike", pattern), eb("o.name_en", "ilike", pattern), eb("o.uscc", "ilike", pattern)]),
    );
  }
  if (f.city !== undefined) {
    const city = f.city;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("supplier_sites as s")
          .leftJoin("places as p", "p.adcode", "s.adcode")
          .select(sql`1`.as("x"))
          .whereRef("s.supplier_id", "=", "o.id")
          .where((eb) => eb.or([eb("s.adcode", "=", city), eb("p.parent_adcode", "=", city)])),
      ),
    );
  }
  if (f.category) {
    const code = f.category;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("supplier_categories as c")
          .select(sql`1`.as("x"))
          .whereRef("c.supplier_id", "=", "o.id")
          .where("c.category_code", code.length === 1 ? "like" : "=", code.length === 1 ? `${code}%` : code),
      ),
    );
  }
  if (f.source) q = q.where("o.signed_up", "=", f.source === "sign_up");
  return q;
}

/** One page of pending suppliers, waiting longest first, and how many match the filter. */
export async function listPendingSuppliers(db: DB, f: QueueFilter, page: { page: number; perPage: number }) {
  const [rows, total] = await Promise.all([
    pendingSuppliers(db, f)
      .select([
        "o.id",
        "o.name_zh",
        "o.name_en",
        "o.uscc",
        "o.created_at",
        "o.signed_up",
        "o.is_sample",
        "o.verified_at",
        "o.verification_reason",
      ])
      .orderBy("o.created_at")
      .orderBy("o.id")
      .limit(page.perPage)
      .offset((page.page - 1) * page.perPage)
      .execute(),
    pendingSuppliers(db, f)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/**
 * How many suppliers wait for a decision; with `cap`, counted up to it and no further (the
 * header's badge: HEADER_COUNT_CAP).
 */
export async function pendingSupplierCount(db: DB, opts: { cap?: number } = {}): Promise<number> {
  const ids = pendingSuppliers(db, {}).select("o.id");
  const row = await db
    .selectFrom((opts.cap ? ids.limit(opts.cap) : ids).as("p"))
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The organizations of `ids`, locked for the rest of the transaction (in id order, so two
 * deciders never deadlock): a decision made meanwhile by someone else is seen after it commits.
 */
export async function lockOrganizationsForDecision(trx: Transaction<Database>, ids: string[]) {
  if (ids.length === 0) return [];
  return trx
    .selectFrom("organizations")
    .select(["id", "kind", "verification_status"])
    .where("id", "in", ids)
    .orderBy("id")
    .forUpdate()
    .execute();
}

/** Record one decision on suppliers: status, reason, who and when. Returns how many rows changed. */
export async function setVerifications(
  trx: Transaction<Database>,
  supplierIds: string[],
  decision: { status: "verified" | "rejected"; reason: string | null; decidedBy: string | null; at: Date },
): Promise<number> {
  if (supplierIds.length === 0) return 0;
  const res = await trx
    .updateTable("organizations")
    .set({
      verification_status: decision.status,
      verification_reason: decision.reason,
      verified_at: decision.at,
      verified_by: decision.decidedBy,
    })
    .where("id", "in", supplierIds)
    .where("kind", "=", "supplier")
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Keep each decision with the profile it was made on. */
export async function insertVerificationDecisions(
  trx: Transaction<Database>,
  rows: {
    supplierId: string;
    decision: "verified" | "rejected";
    reason: string | null;
    decidedBy: string | null;
    at: Date;
    snapshot: unknown;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto("supplier_verification_decisions")
    .values(
      rows.map((r) => ({
        supplier_id: r.supplierId,
        decision: r.decision,
        reason: r.reason,
        decided_by: r.decidedBy,
        decided_at: r.at,
        snapshot: JSON.stringify(r.snapshot),
      })),
    )
    .execute();
}

/** The last decision on each of `supplierIds` that has one, with its snapshot and who made it. */
export async function latestDecisions(db: Handle, supplierIds: string[]) {
  if (supplierIds.length === 0) return [];
  return db
    .selectFrom("supplier_verification_decisions as d")
    .leftJoin("users as u", "u.id", "d.decided_by")
    .distinctOn("d.supplier_id")
    .select([
      "d.supplier_id",
      "d.decision",
      "d.reason",
      "d.decided_at",
      "d.snapshot",
      "u.display_name as decided_by_name",
    ])
    .where("d.supplier_id", "in", supplierIds)
    .orderBy("d.supplier_id")
    .orderBy("d.id", "desc")
    .execute();
}

/** A rejected supplier that changed its profile asks again: back to pending. True when it was rejected. */
export async function returnRejectedToQueue(trx: Transaction<Database>, supplierId: string): Promise<boolean> {
  const res = await trx
    .updateTable("organizations")
    .set({ verification_status: "pending" })
    .where("id", "=", supplierId)
    .where("kind", "=", "supplier")
    .where("verification_status", "=", "rejected")
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
