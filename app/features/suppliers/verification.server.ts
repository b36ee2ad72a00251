import { audit } from "../../../db/audit.server";
import { enqueueSearchSync } from "../../../db/outbox.server";
import { setVerification } from "../../../db/supplier-profiles.server";
import { DomainError } from "../../domain/errors";
import type { Actor } from "../../domain/policy";
import type { Deps } from "../deps.server";
import type { VerificationInput } from "./schemas";

/** An official decides on a supplier: verified, or rejected with a reason. */
export async function decideVerification(
  deps: Deps,
  actor: Actor,
  input: VerificationInput & { supplierId: string },
): Promise<{ supplierId: string }> {
  const reason = input.reason || null;
  return deps.db.transaction().execute(async (trx) => {
    if (!(await setVerification(trx, input.supplierId, { status: input.decision, reason }, actor.userId)))
      throw new DomainError("supplier_not_found");
    await enqueueSearchSync(trx, "supplier", [input.supplierId]);
    await audit(trx, {
      action: "verification_decided",
      actorUserId: actor.userId,
      organizationId: input.supplierId,
      subjectType: "supplier",
      subjectId: input.supplierId,
      detail: { decision: input.decision, reason },
      ip: deps.ip,
    });
    return { supplierId: input.supplierId };
  });
}
