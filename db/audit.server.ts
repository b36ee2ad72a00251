import type { Kysely, Transaction } from "kysely";
import type { Database } from "./schema";

export type AuditAction =
  | "sign_in"
  | "sign_in_failed"
  | "sign_out"
  | "sign_up"
  | "password_changed"
  | "role_changed"
  | "member_removed"
  | "member_invited"
  | "invitation_accepted"
  | "api_token_created"
  | "api_token_revoked"
  | "organization_created"
  | "user_created"
  | "verification_decided"
  | "ledger_posted"
  | "demand_posted";

export interface AuditEntry {
  action: AuditAction;
  actorUserId?: string | null;
  organizationId?: string | null;
  subjectType?: string;
  subjectId?: string;
  detail?: Record<string, unknown>;
  ip?: string | null;
}

export async function audit(db: Kysely<Database> | Transaction<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      action: entry.action,
      actor_user_id: entry.actorUserId ?? null,
      organization_id: entry.organizationId ?? null,
      subject_type: entry.subjectType ?? null,
      subject_id: entry.subjectId ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
      ip: entry.ip ?? null,
    })
    .execute();
}

export async function recentAudit(db: Kysely<Database>, limit = 200) {
  return db
    .selectFrom("audit_log as a")
    .leftJoin("users as u", "u.id", "a.actor_user_id")
    .leftJoin("organizations as o", "o.id", "a.organization_id")
    .select(["a.id", "a.at", "a.action", "a.subject_type", "a.subject_id", "a.detail", "a.ip", "u.email as actor_email", "o.name_zh as organization_name"])
    .orderBy("a.id", "desc")
    .limit(limit)
    .execute();
}
