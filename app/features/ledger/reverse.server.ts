import { audit } from "../../../db/audit.server";
import { entryForReversal, insertReversal } from "../../../db/ledger.server";
import { DomainError } from "../../domain/errors";
import type { Actor } from "../../domain/policy";
import type { Deps } from "../deps.server";
import type { ReverseInput } from "./schemas";

export type ReverseActor = Pick<Actor, "userId" | "organizationId" | "role">;

/**
 * Post the reversal of a ledger entry, once only: the OEM's own entries, any entry for
 * administrators. The reversal and its `ledger_reversed` audit row share one transaction.
 */
export async function reverseLedgerEntry(
  deps: Pick<Deps, "db" | "ip">,
  actor: ReverseActor,
  input: ReverseInput,
): Promise<{ reversalId: number }> {
  const scope = { oemId: actor.role === "admin" ? null : actor.organizationId };
  return deps.db.transaction().execute(async (trx) => {
    const entry = await entryForReversal(trx, input.entryId, scope);
    if (!entry) throw new DomainError("entry_not_found");
    if (entry.source === "reversal") throw new DomainError("cannot_reverse_reversal");
    const reversalId = await insertReversal(trx, entry, actor.userId);
    if (reversalId === null) throw new DomainError("already_reversed");
    await audit(trx, {
      action: "ledger_reversed",
      actorUserId: actor.userId,
      organizationId: actor.organizationId,
      subjectType: "ledger_entry",
      subjectId: String(reversalId),
      detail: { reverses: entry.id, oem_id: entry.oem_id, amount_fen: entry.amount_fen },
      ip: deps.ip,
    });
    return { reversalId };
  });
}
