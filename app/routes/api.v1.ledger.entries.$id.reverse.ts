import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { apiCall, apiNotFound, postOnly } from "../features/api/respond.server";
import { depsOf } from "../features/deps.server";
import { reverseLedgerEntry } from "../features/ledger/reverse.server";
import { reverseInput } from "../features/ledger/schemas";
import { authorize } from "../auth/guard.server";

export const loader = postOnly;

/** POST /api/v1/ledger/entries/{id}/reverse: post the reversal of an entry (once). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const input = reverseInput.safeParse({ entryId: params.id });
  if (!input.success) apiNotFound("ledger entry");
  const actor = authorize(context, request, "ledger.reverse", { organizationId: context.actor?.organizationId });
  const { reversalId } = await apiCall(() => reverseLedgerEntry(depsOf(context), actor, input.data));
  return json({ reversal_id: reversalId }, { status: 201 });
}
