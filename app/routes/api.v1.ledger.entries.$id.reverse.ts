import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { audit } from "../../db/audit.server";
import { reverseEntry } from "../../db/ledger.server";
import { DomainError } from "../domain/errors";
import { apiDomainError, apiNotFound, postOnly } from "../features/api/respond.server";
import { authorize } from "../auth/guard.server";

export const loader = postOnly;

/** POST /api/v1/ledger/entries/{id}/reverse: post the reversal of an entry (once). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = Number(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) apiNotFound("ledger entry");
  const actor = authorize(context, request, "ledger.reverse", { organizationId: context.actor?.organizationId });
  try {
    const reversalId = await reverseEntry(context.db, id, { oemId: actor.role === "admin" ? null : actor.organizationId }, actor.userId);
    await audit(context.db, { action: "ledger_posted", actorUserId: actor.userId, organizationId: actor.organizationId, subjectType: "ledger_entry", subjectId: String(reversalId), detail: { reverses: id }, ip: context.clientIp });
    return json({ reversal_id: reversalId }, { status: 201 });
  } catch (err) {
    if (err instanceof DomainError) apiDomainError(err);
    throw err;
  }
}
