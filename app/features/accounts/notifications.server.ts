import { audit } from "../../../db/audit.server";
import { markAllRead } from "../../../db/notifications.server";
import type { Actor } from "../../domain/policy";
import type { Deps } from "../deps.server";

/** Mark all of the signed-in user's notifications read; how many were unread. */
export async function markNotificationsRead(deps: Deps, actor: Actor): Promise<{ marked: number }> {
  const userId = actor.userId;
  if (!userId) return { marked: 0 };
  return deps.db.transaction().execute(async (trx) => {
    const marked = await markAllRead(trx, userId);
    await audit(trx, {
      action: "notifications_read",
      actorUserId: userId,
      organizationId: actor.organizationId,
      detail: { marked },
      ip: deps.ip,
    });
    return { marked };
  });
}
