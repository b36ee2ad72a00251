import { z } from "zod";
import type { Demand } from "../../../db/demands.server";
import { setDemandStatus } from "../../../db/demands.server";
import type { DB } from "../../../db/connection.server";
import { applyMatchAction } from "../../../db/matches.server";
import { audit } from "../../../db/audit.server";
import { confirmFormSchema, respondFormSchema } from "../../domain/demand";
import { can, type Actor } from "../../domain/policy";
import { fieldErrors, type FieldErrors } from "../../lib/forms.server";

const buyerSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.enum(["shortlist", "invite", "withdraw"]), supplierId: z.uuid() }),
  z.object({ intent: z.literal("close") }),
  z.object({ intent: z.literal("reopen") }),
]);

export type DemandActionResult = { ok: true } | { ok: false; errors: FieldErrors; status: 400 | 403 };

/** The demand page's form intents, for the buyer or the supplier, through the one state machine. */
export async function handleDemandIntent(db: DB, actor: Actor, demand: Demand, raw: Record<string, unknown>, ip: string): Promise<DemandActionResult> {
  const actorRef = { userId: actor.userId, organizationId: actor.organizationId };
  if (actor.organizationKind === "supplier") {
    if (!can(actor, "match.respond", { organizationId: actor.organizationId })) return { ok: false, errors: { _form: "error.403.body" }, status: 403 };
    const parsed = respondFormSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error), status: 400 };
    const r = parsed.data;
    await applyMatchAction(db, r.intent === "express_interest"
      ? { demandId: demand.id, action: "express_interest", side: "supplier", actor: actorRef, quoteFen: r.quote, quoteNote: r.quoteNote }
      : { demandId: demand.id, action: "decline", side: "supplier", actor: actorRef, declineReason: r.reason });
    return { ok: true };
  }
  if (!can(actor, "demand.manage", { organizationId: demand.oem_id })) return { ok: false, errors: { _form: "error.403.body" }, status: 403 };
  if (raw.intent === "confirm") {
    const parsed = confirmFormSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error), status: 400 };
    const c = parsed.data;
    const result = await applyMatchAction(db, {
      demandId: demand.id, supplierId: c.supplierId, action: "confirm", side: "buyer", actor: actorRef,
      contract: { amountFen: c.amount, volume: c.volume, year: c.year },
    });
    if (result.ledgerPosted) {
      await audit(db, { action: "ledger_posted", actorUserId: actor.userId, organizationId: actor.organizationId, subjectType: "match", subjectId: result.matchId, detail: { amount_fen: c.amount, year: c.year }, ip });
    }
    return { ok: true };
  }
  const parsed = buyerSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error), status: 400 };
  const b = parsed.data;
  if (b.intent === "close" || b.intent === "reopen") {
    await setDemandStatus(db, actor.organizationId, demand.id, b.intent === "close" ? "closed" : "open");
    return { ok: true };
  }
  await applyMatchAction(db, { demandId: demand.id, supplierId: b.supplierId, action: b.intent, side: "buyer", actor: actorRef });
  return { ok: true };
}
