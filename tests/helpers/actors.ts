import type { Actor } from "../../app/domain/policy";
import type { DB } from "../../db/connection.server";
import { findUserByEmail } from "../../db/users.server";

/** A signed-in user as the use cases see it, looked up by e-mail (for calling use cases directly). */
export async function actorOf(db: DB, email: string, sessionId?: string): Promise<Actor> {
  const u = await findUserByEmail(db, email);
  if (!u) throw new Error(`no user ${email}`);
  return {
    userId: u.id,
    organizationId: u.organization_id,
    organizationKind: u.organization_kind,
    role: u.role,
    via: "session",
    displayName: u.display_name,
    sessionId,
  };
}

/** A sign-up's new account; a sign-up that created nothing (a taken e-mail) fails the test. */
export function createdAccount<T extends { created: boolean }>(outcome: T): Extract<T, { created: true }> {
  if (!outcome.created) throw new Error("the sign-up created nothing (is the e-mail taken?)");
  return outcome as Extract<T, { created: true }>;
}
