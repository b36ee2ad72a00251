import { sql, type Kysely, type Transaction } from "kysely";
import { EMAIL_DEFAULTS, EMAIL_KINDS, emailKindOf, type EmailKind } from "../app/domain/mail";
import type { Database, MailPayload } from "./schema";

type Handle = Kysely<Database> | Transaction<Database>;

// The mail outbox (decision 014): an e-mail is a row written in the transaction of the
// change that causes it, sent after commit by the mail worker (app/features/mail/), retried
// with back-off; a sent row keeps no payload.

/**
 * Queue the e-mail of a notification for those of `userIds` who receive its kind by e-mail
 * (their choice on /account, else the default), active users only; in the caller's transaction.
 */
export async function queueNotificationMails(
  db: Handle,
  userIds: string[],
  n: { kind: string; title: string; link: string },
): Promise<void> {
  if (userIds.length === 0) return;
  const kind = emailKindOf(n.kind);
  const payload = JSON.stringify({ kind: n.kind, title: n.title, link: n.link });
  await db
    .insertInto("mail_outbox")
    .columns(["user_id", "template", "payload"])
    .expression(
      db
        .selectFrom("users as u")
        .leftJoin("notification_preferences as p", (join) =>
          join.onRef("p.user_id", "=", "u.id").on("p.kind", "=", kind),
        )
        .select([
          "u.id",
          sql<"notification">`'notification'`.as("template"),
          sql<string>`${payload}::jsonb`.as("payload"),
        ])
        .where("u.id", "in", userIds)
        .where("u.deactivated_at", "is", null)
        .where(sql<boolean>`coalesce(p.email, ${EMAIL_DEFAULTS[kind]})`),
    )
    .execute();
}

/** Queue one e-mail to a user (in the caller's transaction). */
export async function queueMail(
  db: Handle,
  userId: string,
  template: "notification" | "password_reset",
  payload: MailPayload,
): Promise<void> {
  await db
    .insertInto("mail_outbox")
    .values({ user_id: userId, template, payload: JSON.stringify(payload) })
    .execute();
}

export interface PendingMail {
  id: string;
  template: "notification" | "password_reset";
  payload: MailPayload;
  attempts: number;
  email: string;
  display_name: string;
  language: "zh" | "en" | null;
}

/**
 * Due e-mails, oldest first, locked for this transaction (others skip them: several
 * instances drain side by side without sending one twice).
 */
export async function lockDueMails(trx: Transaction<Database>, now: Date, limit: number): Promise<PendingMail[]> {
  const rows = await sql<PendingMail>`
    select m.id, m.template, m.payload, m.attempts, u.email, u.display_name, u.language
    from mail_outbox m join users u on u.id = m.user_id
    where m.sent_at is null and m.failed_at is null and m.next_attempt_at <= ${now}
    order by m.id
    limit ${limit}
    for update of m skip locked`.execute(trx);
  return rows.rows.map((r) => ({ ...r, id: String(r.id), attempts: Number(r.attempts) }));
}

/** Sent: the payload (a reset link's token among others) is not kept. */
export async function markMailSent(db: Handle, id: string, now: Date): Promise<void> {
  await db
    .updateTable("mail_outbox")
    .set({ sent_at: now, payload: "{}", last_error: null })
    .where("id", "=", id)
    .execute();
}

/** A failed attempt: try again at `retryAt`, or give up (null) and drop the payload. */
export async function markMailFailed(
  db: Handle,
  id: string,
  error: string,
  retryAt: Date | null,
  now: Date,
): Promise<void> {
  await db
    .updateTable("mail_outbox")
    .set((eb) => ({
      attempts: eb("attempts", "+", 1),
      last_error: error.slice(0, 2000),
      ...(retryAt ? { next_attempt_at: retryAt } : { failed_at: now, payload: "{}" }),
    }))
    .where("id", "=", id)
    .execute();
}

/** A user's e-mail choices: every kind with its stored choice or default, and the language. */
export async function emailPreferences(
  db: Handle,
  userId: string,
  kinds: readonly EmailKind[] = EMAIL_KINDS,
): Promise<{ address: string; language: "zh" | "en" | null; kinds: { kind: EmailKind; email: boolean }[] }> {
  const [user, rows] = await Promise.all([
    db.selectFrom("users").select(["email", "language"]).where("id", "=", userId).executeTakeFirst(),
    db.selectFrom("notification_preferences").select(["kind", "email"]).where("user_id", "=", userId).execute(),
  ]);
  const stored = new Map(rows.map((r) => [r.kind, r.email]));
  return {
    address: user?.email ?? "",
    language: user?.language ?? null,
    kinds: kinds.map((kind) => ({ kind, email: stored.get(kind) ?? EMAIL_DEFAULTS[kind] })),
  };
}

/**
 * Store a user's choice for each of `kinds` (`email` lists those wanted; the others are
 * turned off) and their e-mail language.
 */
export async function saveEmailPreferences(
  db: Handle,
  userId: string,
  choice: { language: "zh" | "en"; email: readonly EmailKind[] },
  kinds: readonly EmailKind[] = EMAIL_KINDS,
  now = new Date(),
): Promise<void> {
  const wanted = new Set(choice.email);
  await db
    .insertInto("notification_preferences")
    .values(kinds.map((kind) => ({ user_id: userId, kind, email: wanted.has(kind), updated_at: now })))
    .onConflict((oc) =>
      oc.columns(["user_id", "kind"]).doUpdateSet((eb) => ({
        email: eb.ref("excluded.email"),
        updated_at: eb.ref("excluded.updated_at"),
      })),
    )
    .execute();
  await db.updateTable("users").set({ language: choice.language }).where("id", "=", userId).execute();
}
