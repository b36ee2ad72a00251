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
