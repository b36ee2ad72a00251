import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { authorize } from "../auth/guard.server";
import { apiCall, parseJsonBody, postOnly } from "../features/api/respond.server";
import { depsOf } from "../features/deps.server";
import { verificationBatch } from "../features/suppliers/schemas";
import { decideVerifications } from "../features/suppliers/verification.server";

export const loader = postOnly;

/**
 * POST /api/v1/suppliers/verifications: an official verifies or rejects (with a reason)
 * one or many pending suppliers at once; all or nothing, as the queue page does.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = authorize(context, request, "api.suppliers.verify");
  const body = await parseJsonBody(request, verificationBatch);
  const r = await apiCall(() => decideVerifications(depsOf(context), actor, body));
  return json({ decision: r.decision, supplier_ids: r.supplierIds, decided_at: r.decidedAt.toISOString() });
}
