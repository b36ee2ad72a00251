import { audit } from "../../../db/audit.server";
import { emailPreferences, saveEmailPreferences } from "../../../db/mail.server";
import { emailKindsFor } from "../../domain/mail";
import type { Actor } from "../../domain/policy";
import type { Deps } from "../deps.server";
import type { MailPreferencesInput } from "./schemas";

/**
 * The signed-in user's e-mail choices (each kind a member of their organization can
 * receive, stored or default) and e-mail language.
 */
export async function readMailPreferences(deps: Pick<Deps, "db">, actor: Actor) {
  if (!actor.userId) return null;
  return emailPreferences(deps.db, actor.userId, emailKindsFor(actor.organizationKind));
}

/** Store which notification kinds also come by e-mail, and in which language; audited. */
export async function saveMailPreferences(deps: Deps, actor: Actor, input: MailPreferencesInput): Promise<void> {
  const userId = actor.userId;
  if (!userId) return;
  await deps.db.transaction().execute(async (trx) => {
    await saveEmailPreferences(trx, userId, input, emailKindsFor(actor.organizationKind));
    await audit(trx, {
      action: "notification_preferences_saved",
      actorUserId: userId,
      organizationId: actor.organizationId,
      detail: { email: input.email, language: input.language },
      ip: deps.ip,
    });
  });
}
