import type { Transaction } from "kysely";
import { audit } from "../../../db/audit.server";
import { enqueueSearchSync } from "../../../db/outbox.server";
import type { Database } from "../../../db/schema";
import { getSupplierProfile } from "../../../db/supplier-profiles.server";
import {
  insertVerificationDecisions,
  lockOrganizationsForDecision,
  setVerifications,
} from "../../../db/verification.server";
import { DomainError } from "../../domain/errors";
import type { Actor } from "../../domain/policy";
import { toSnapshot } from "../../domain/verification";
import type { Deps } from "../deps.server";
import type { VerificationBatch, VerificationInput } from "./schemas";

type Decision = "verified" | "rejected";

/**
 * Inside the caller's transaction, with the suppliers locked: each supplier's status,
 * reason, decider and time; the decision kept with a snapshot of the profile it was made
 * on; one audit row per supplier; one outbox row per supplier so search shows the status.
 */
async function recordDecisions(
  trx: Transaction<Database>,
  deps: Pick<Deps, "ip">,
  actor: Pick<Actor, "userId" | "organizationId" | "via" | "displayName">,
  decided: { id: string; previous: string }[],
  decision: { status: Decision; reason: string | null; batch: number },
): Promise<Date> {
  const at = new Date();
  const ids = decided.map((d) => d.id);
  // A decision over the API with the agency's token has no user: the audit row names the token.
  const by = actor.via === "token" ? { via: "token", token: actor.displayName, agency: actor.organizationId } : {};
  const snapshots = [];
  for (const id of ids) {
    const profile = await getSupplierProfile(trx, id);
    if (!profile) throw new DomainError("supplier_not_found");
    snapshots.push({ id, snapshot: toSnapshot(profile) });
  }
  await setVerifications(trx, ids, { status: decision.status, reason: decision.reason, decidedBy: actor.userId, at });
  await insertVerificationDecisions(
    trx,
    snapshots.map(({ id, snapshot }) => ({
      supplierId: id,
      decision: decision.status,
      reason: decision.reason,
      decidedBy: actor.userId,
      at,
      snapshot,
    })),
  );
  await enqueueSearchSync(trx, "supplier", ids);
  for (const { id, previous } of decided) {
    await audit(trx, {
      action: "verification_decided",
      actorUserId: actor.userId,
      organizationId: id,
      subjectType: "supplier",
      subjectId: id,
      detail: { decision: decision.status, reason: decision.reason, previous, batch: decision.batch, ...by },
      ip: deps.ip,
    });
  }
  return at;
}

/**
 * An official decides on one supplier, whatever its status (the supplier's page: an
 * official may also revoke a verification): verified, or rejected with a reason.
 */
export async function decideVerification(
  deps: Deps,
  actor: Actor,
  input: VerificationInput & { supplierId: string },
): Promise<{ supplierId: string }> {
  const reason = input.reason || null;
  if (input.decision === "rejected" && !reason) throw new DomainError("reason_required", "reason");
  return deps.db.transaction().execute(async (trx) => {
    const [org] = await lockOrganizationsForDecision(trx, [input.supplierId]);
    if (!org || org.kind !== "supplier") throw new DomainError("supplier_not_found");
    await recordDecisions(trx, deps, actor, [{ id: org.id, previous: org.verification_status }], {
      status: input.decision,
      reason,
      batch: 1,
    });
    return { supplierId: input.supplierId };
  });
}

/**
 * The queue's decision on one or many pending suppliers, all or nothing: every id must be
 * a supplier (`verification_unknown_supplier`) that still waits for a decision
 * (`verification_already_decided`: someone decided it meanwhile), and a rejection needs
 * its reason. One transaction holds the statuses, the decisions with their snapshots, one
 * audit row per supplier and the outbox rows.
 */
export async function decideVerifications(
  deps: Deps,
  actor: Actor,
  input: VerificationBatch,
): Promise<{ decision: Decision; supplierIds: string[]; decidedAt: Date }> {
  const ids = [...new Set(input.supplier_ids)];
  const reason = input.reason || null;
  if (ids.length === 0) throw new DomainError("no_suppliers_selected", "supplier_ids");
  if (input.decision === "rejected" && !reason) throw new DomainError("reason_required", "reason");
  return deps.db.transaction().execute(async (trx) => {
    const rows = await lockOrganizationsForDecision(trx, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    if (ids.some((id) => byId.get(id)?.kind !== "supplier"))
      throw new DomainError("verification_unknown_supplier", "supplier_ids");
    if (ids.some((id) => byId.get(id)!.verification_status !== "pending"))
      throw new DomainError("verification_already_decided", "supplier_ids");
    const decidedAt = await recordDecisions(
      trx,
      deps,
      actor,
      ids.map((id) => ({ id, previous: "pending" })),
      { status: input.decision, reason, batch: ids.length },
    );
    return { decision: input.decision, supplierIds: ids, decidedAt };
  });
}
