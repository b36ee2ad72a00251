import type { Kysely, Transaction } from "kysely";
import type { AuditAction, AuditSubjectType } from "../app/domain/vocabulary";
import type { Database } from "./schema";

export interface AuditEntry {
  action: AuditAction;
  actorUserId?: string | null;
  organizationId?: string | null;
  subjectType?: AuditSubjectType;
  subjectId?: string;
  detail?: Record<string, unknown>;
  ip?: string | null;
}

/** Write one audit row; call it with the transaction of the write it records. */
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
    .select([
      "a.id",
      "a.at",
      "a.action",
      "a.subject_type",
      "a.subject_id",
      "a.detail",
      "a.ip",
      "u.email as actor_email",
      "o.name_zh as organization_name_zh",
      "o.name_en as organization_name_en",
    ])
    .orderBy("a.id", "desc")
    .limit(limit)
    .execute();
}
