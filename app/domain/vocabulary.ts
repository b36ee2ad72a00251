/** The product's closed sets of values; db/schema.ts types its columns with them. */

export const ORGANIZATION_KINDS = ["oem", "supplier", "agency"] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export const ROLES = ["supplier_member", "supplier_admin", "oem_buyer", "oem_admin", "official", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const VERIFICATION_STATUSES = ["pending", "verified", "rejected"] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export const DEMAND_STATUSES = ["open", "closed", "awarded"] as const;
export type DemandStatus = (typeof DEMAND_STATUSES)[number];

export const DEMAND_VISIBILITIES = ["all", "invited"] as const;
export type DemandVisibility = (typeof DEMAND_VISIBILITIES)[number];

export const MATCH_STATES = ["shortlisted", "invited", "interested", "declined", "confirmed", "withdrawn"] as const;
export type MatchState = (typeof MATCH_STATES)[number];
/** Who started a match: the buyer (shortlist, invite) or the supplier nominating itself (自荐). */
export const MATCH_ORIGINS = ["buyer", "supplier"] as const;
export type MatchOrigin = (typeof MATCH_ORIGINS)[number];

export const LEDGER_SOURCES = ["match", "import", "reversal"] as const;
export type LedgerSource = (typeof LEDGER_SOURCES)[number];

export const IMPORT_STATUSES = ["queued", "running", "done", "failed"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/**
 * How well a site's point is known: measured (exact), geocoded to a street, somewhere in a
 * zone of ±precision_km, or only the seat of its county or prefecture (a place of the gazetteer).
 */
export const SITE_PRECISIONS = ["exact", "street", "zone", "county_seat", "prefecture_seat"] as const;
export type SitePrecision = (typeof SITE_PRECISIONS)[number];

/** Whether a site works: a closed one is never ranked, one under construction is marked. */
export const SITE_STATUSES = ["operating", "under_construction", "closed", "unverified"] as const;
export type SiteStatus = (typeof SITE_STATUSES)[number];

export const CERTIFICATION_KINDS = ["IATF16949", "ISO9001", "ISO14001", "ISO45001", "VDA6.3", "other"] as const;
export type CertificationKind = (typeof CERTIFICATION_KINDS)[number];

/** Locality bases of the local supply rate: supplier in Jilin, or site within the plant's circle. */
export const LOCALITY_BASES = ["province", "circle"] as const;
export type LocalityBasis = (typeof LOCALITY_BASES)[number];

/** What the audit log records; each write use case writes one in its own transaction. */
export const AUDIT_ACTIONS = [
  "sign_in",
  "sign_in_failed",
  "attempts_throttled",
  "sign_out",
  "sign_up",
  "email_already_registered",
  "password_changed",
  "password_reset_requested",
  "password_reset",
  "notification_preferences_saved",
  "role_changed",
  "member_removed",
  "member_invited",
  "invitation_accepted",
  "api_token_created",
  "api_token_revoked",
  "organization_created",
  "organization_updated",
  "plant_added",
  "plant_updated",
  "plant_retired",
  "reference_difference_decided",
  "user_created",
  "profile_saved",
  "verification_decided",
  "suppliers_imported",
  "demand_posted",
  "demand_closed",
  "demand_reopened",
  "match_shortlisted",
  "match_invited",
  "match_responded",
  "match_nominated",
  "match_confirmed",
  "match_withdrawn",
  "ledger_posted",
  "ledger_imported",
  "ledger_reversed",
  "entrant_project_recorded",
  "notifications_read",
  "index_rebuilt",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an audit row is about (its subject_type); the audit page names each. */
export const AUDIT_SUBJECT_TYPES = [
  "user",
  "organization",
  "plant",
  "reference_difference",
  "supplier",
  "invitation",
  "api_token",
  "demand",
  "match",
  "ledger_entry",
  "ledger_import",
  "supplier_import",
  "entrant_project",
] as const;
export type AuditSubjectType = (typeof AUDIT_SUBJECT_TYPES)[number];
