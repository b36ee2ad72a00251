import { z } from "zod";
import type { Demand } from "../../../db/demands.server";
import { parseValues, type FormResult, type FormValues } from "../../lib/forms.server";
import { closeDemand, reopenDemand, type ActorRef, type WriteDeps } from "../demands/demands.server";
import { confirmMatch, inviteMatch, respondToMatch, shortlistMatch, withdrawMatch } from "./match-actions.server";
import { nominateSelf } from "./nominate.server";
import {
  confirmForm,
  nominateForm,
  respondForm,
  type MatchConfirm,
  type MatchNominate,
  type MatchRespond,
} from "./schemas";

// The demand page's forms: which button was pressed (`intent`) and what came with it,
// mapped onto the same use cases the API calls.

const buyerIntent = z.discriminatedUnion("intent", [
  z.object({ intent: z.enum(["shortlist", "invite", "withdraw", "confirm"]), supplierId: z.uuid() }),
  z.object({ intent: z.enum(["close", "reopen"]) }),
]);

export type DemandIntent =
  | { intent: "shortlist" | "invite" | "withdraw"; supplierId: string }
  | { intent: "confirm"; supplierId: string; contract: MatchConfirm }
  | { intent: "close" | "reopen" }
  | { intent: "respond"; response: MatchRespond }
  | { intent: "nominate"; nomination: MatchNominate };

/** A row button of the buyer's tables sends "intent:supplierId" as `act` (one form for the whole table). */
export function rowButtonValues(values: FormValues): FormValues {
  if (typeof values.act !== "string") return values;
  const [intent = "", supplierId = ""] = values.act.split(":");
  return { ...values, intent, supplierId };
}

/** Parse the page's submission for the buyer's or the supplier's side. */
export function parseDemandIntent(side: "buyer" | "supplier", values: FormValues): FormResult<DemandIntent> {
  if (side === "supplier") {
    if (values.intent === "nominate") {
      const n = parseValues(values, nominateForm);
      return n.ok ? { ...n, data: { intent: "nominate", nomination: n.data } } : n;
    }
    const r = parseValues(values, respondForm);
    return r.ok ? { ...r, data: { intent: "respond", response: r.data } } : r;
  }
  const head = parseValues(values, buyerIntent);
  if (!head.ok) return head;
  const b = head.data;
  if (!("supplierId" in b)) return { ...head, data: { intent: b.intent } };
  const { intent, supplierId } = b;
  if (intent !== "confirm") return { ...head, data: { intent, supplierId } };
  const contract = parseValues(values, confirmForm);
  return contract.ok ? { ...contract, data: { intent, supplierId, contract: contract.data } } : contract;
}

/** Run a parsed intent on a demand (the route has authorized the side). */
export async function runDemandIntent(
  deps: WriteDeps,
  actor: ActorRef,
  demand: Demand,
  intent: DemandIntent,
): Promise<void> {
  const demandId = demand.id;
  switch (intent.intent) {
    case "close":
      return closeDemand(deps, actor, { demandId });
    case "reopen":
      return reopenDemand(deps, actor, { demandId });
    case "shortlist":
      await shortlistMatch(deps, actor, { demandId, supplierId: intent.supplierId });
      return;
    case "invite":
      await inviteMatch(deps, actor, { demandId, supplierId: intent.supplierId });
      return;
    case "withdraw":
      await withdrawMatch(deps, actor, { demandId, supplierId: intent.supplierId });
      return;
    case "confirm":
      await confirmMatch(deps, actor, { demandId, supplierId: intent.supplierId, contract: intent.contract });
      return;
    case "respond":
      await respondToMatch(deps, actor, { demandId, response: intent.response });
      return;
    case "nominate":
      await nominateSelf(deps, actor, { demandId, nomination: intent.nomination });
      return;
  }
}
