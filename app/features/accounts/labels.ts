import { AUDIT_ACTIONS, AUDIT_SUBJECT_TYPES, type AuditAction, type AuditSubjectType } from "../../domain/vocabulary";
import type { MessageKey } from "../../lib/i18n";

// Codes stored in the database become message keys here, so that a page never renders a
// raw code; a code the catalogue does not know (an older row) gets the generic message.

export function auditActionKey(action: string): MessageKey {
  return (AUDIT_ACTIONS as readonly string[]).includes(action)
    ? `audit.action.${action as AuditAction}`
    : "audit.action.other";
}

export function auditSubjectKey(subjectType: string): MessageKey {
  return (AUDIT_SUBJECT_TYPES as readonly string[]).includes(subjectType)
    ? `audit.subject.${subjectType as AuditSubjectType}`
    : "audit.subject.other";
}

/** The kinds of notification the product sends (db/notifications.server.ts callers). */
export const NOTIFICATION_KINDS = [
  "demand_fits",
  "invited",
  "supplier_interested",
  "supplier_nominated",
  "supplier_declined",
  "match_confirmed",
  "sign_up_email_registered",
  "invitation_email_registered",
] as const;
type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export function notificationKey(kind: string): MessageKey {
  return (NOTIFICATION_KINDS as readonly string[]).includes(kind) ? `notif.${kind as NotificationKind}` : "notif.other";
}
