import type { Kysely, Transaction } from "kysely";
import { queueNotificationMails } from "./mail.server";
import type { Database } from "./schema";
import { HEADER_COUNT_CAP } from "../app/domain/header-count";

type Handle = Kysely<Database> | Transaction<Database>;

/**
 * One notification for each active member of an organization (in the caller's transaction),
 * and an e-mail queued for each of them who receives this kind by e-mail (decision 014).
 */
export async function notifyOrganization(
  db: Handle,
  organizationId: string,
  n: { kind: string; title: string; link: string },
) {
  const users = await db
    .selectFrom("users")
    .select("id")
    .where("organization_id", "=", organizationId)
    .where("deactivated_at", "is", null)
    .execute();
  if (users.length === 0) return;
  await db
    .insertInto("notifications")
    .values(users.map((u) => ({ user_id: u.id, ...n })))
    .execute();
  await queueNotificationMails(
    db,
    users.map((u) => u.id),
    n,
  );
}

/** One notification for a user, and its e-mail when the user receives this kind by e-mail. */
export async function notifyUser(db: Handle, userId: string, n: { kind: string; title: string; link: string }) {
  await db
    .insertInto("notifications")
    .values({ user_id: userId, ...n })
    .execute();
  await queueNotificationMails(db, [userId], n);
}

/** A user's unread notifications, counted up to HEADER_COUNT_CAP (the header's badge). */
export async function unreadCount(db: Handle, userId: string): Promise<number> {
  const row = await db
    .selectFrom(
      db
        .selectFrom("notifications")
        .select("id")
        .where("user_id", "=", userId)
        .where("read_at", "is", null)
        .limit(HEADER_COUNT_CAP)
        .as("capped"),
    )
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listNotifications(db: Handle, userId: string, limit = 100) {
  return db
    .selectFrom("notifications")
    .select(["id", "kind", "title", "link", "created_at", "read_at"])
    .where("user_id", "=", userId)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

/** Mark a user's unread notifications read; how many were unread. */
export async function markAllRead(db: Handle, userId: string, now = new Date()): Promise<number> {
  const res = await db
    .updateTable("notifications")
    .set({ read_at: now })
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
