import type { SupplierCell } from "../app/domain/chain-cells";
import type { ColumnType, Generated } from "kysely";
import type {
  CertificationKind,
  DemandStatus,
  DemandVisibility,
  ImportStatus,
  LedgerSource,
  MatchOrigin,
  MatchState,
  OrganizationKind,
  Role,
  SitePrecision,
  SiteStatus,
  VerificationStatus,
} from "../app/domain/vocabulary";

/** Timestamps: written as Date or left to the default, read as Date. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface PlacesTable {
  adcode: number;
  name_zh: string;
  name_en: string;
  name_pinyin: string;
  level: string;
  parent_adcode: number | null;
  lat: number;
  lng: number;
  area_km2: number | null;
  /** The seat of the place's government (WGS-84), when the gazetteer gives it. */
  seat_lat: number | null;
  seat_lng: number | null;
}

export interface PartCategoriesTable {
  code: string;
  parent_code: string | null;
  level: 1 | 2;
  name_zh: string;
  name_en: string;
  nev_key: boolean;
  domain: string;
}

export interface OrganizationsTable {
  id: Generated<string>;
  kind: OrganizationKind;
  name_zh: string;
  name_en: string | null;
  uscc: string | null;
  is_sample: Generated<boolean>;
  verification_status: Generated<VerificationStatus>;
  created_at: Timestamp;
  updated_at: Timestamp;
  verification_reason: string | null;
  verified_at: Date | null;
  verified_by: string | null;
  /** A supplier's id in the list it was imported from (the upsert key without a USCC). */
  external_id: string | null;
  /** The supplier signed up itself (else an official imported it, or a seed loaded it). */
  signed_up: Generated<boolean>;
  /** OEMs: a short code (FAW, JIEFANG); the CLI and the admin pages name an OEM by it. */
  code: string | null;
  /** The reference values last loaded into this organization (null: not from the reference). */
  reference_values: ColumnType<ReferenceValues | null, string | null | undefined, string | null>;
}

/** A reference-managed row's fields as the reference files last gave them (JSON). */
export type ReferenceValues = Record<string, unknown>;

export interface PlantsTable {
  id: Generated<string>;
  code: string;
  oem_id: string;
  name_zh: string;
  name_en: string;
  lat: number;
  lng: number;
  adcode: number | null;
  precision_km: number | null;
  created_at: Timestamp;
  reference_values: ColumnType<ReferenceValues | null, string | null | undefined, string | null>;
  /** A retired plant takes no new demands and is not ranked against; its history stays. */
  retired_at: Date | null;
  retired_by: string | null;
  updated_at: Timestamp;
}

export interface ReferenceVersionsTable {
  dataset: string;
  version: string;
  applied_at: Timestamp;
}

/** Where a newer reference version meets an administrator's edit, until decided. */
export interface ReferenceDifferencesTable {
  id: Generated<string>;
  entity: "organization" | "plant";
  entity_id: string;
  field: string;
  reference_value: ColumnType<unknown, string, string>;
  local_value: ColumnType<unknown, string, string>;
  reference_version: string;
  detected_at: Timestamp;
  decision: "accepted" | "kept" | null;
  decided_by: string | null;
  decided_at: Date | null;
}

export interface SupplierProfilesTable {
  supplier_id: string;
  products_zh: Generated<string>;
  products_en: Generated<string>;
  nev_capable: Generated<boolean>;
  employees: number | null;
  updated_at: Timestamp;
  processes: Generated<string[]>;
  annual_capacity: Generated<string>;
  customers: Generated<string[]>;
  contact_name: Generated<string>;
  contact_phone: Generated<string>;
  contact_email: Generated<string>;
  source_urls: Generated<string[]>;
}

export interface SupplierCertificationsTable {
  id: Generated<string>;
  supplier_id: string;
  kind: CertificationKind;
  name: Generated<string>;
  valid_until: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SupplierImportsTable {
  id: Generated<string>;
  created_by: string | null;
  file_name: string;
  status: Generated<ImportStatus>;
  total_rows: Generated<number>;
  processed_rows: Generated<number>;
  inserted: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  rejected: Generated<number>;
  report: ColumnType<ImportRowReport[], string | undefined, string>;
  error: string | null;
  created_at: Timestamp;
  finished_at: Date | null;
  /** The importer's organization: one running import per organization (null: before 0014). */
  organization_id: string | null;
  /** The parsed rows while the job waits or runs (JSON); null once it ended. */
  rows: ColumnType<unknown[] | null, string | null | undefined, string | null>;
  lease_owner: string | null;
  lease_until: Date | null;
  started_at: Date | null;
}

/** An OEM's procurement import (a job: queued, then running under a lease, then done or failed). */
export interface ProcurementImportsTable {
  id: Generated<string>;
  oem_id: string;
  created_by: string | null;
  file_name: Generated<string>;
  status: Generated<ImportStatus>;
  total_rows: Generated<number>;
  processed_rows: Generated<number>;
  inserted: Generated<number>;
  unchanged: Generated<number>;
  rejected: Generated<number>;
  error: string | null;
  lease_owner: string | null;
  lease_until: Date | null;
  created_at: Timestamp;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface ImportRowReport {
  row: number;
  reasons: string[];
  warning?: boolean;
}

export interface SupplierSitesTable {
  id: Generated<string>;
  supplier_id: string;
  label: Generated<string>;
  adcode: number;
  lat: number;
  lng: number;
  address: Generated<string>;
  is_primary: Generated<boolean>;
  location_precision: Generated<SitePrecision>;
  precision_km: number | null;
  operating_status: Generated<SiteStatus>;
}

/** One official's decision on a supplier, with the profile it was made on (JSON). */
export interface SupplierVerificationDecisionsTable {
  id: Generated<number>;
  supplier_id: string;
  decision: "verified" | "rejected";
  reason: string | null;
  decided_by: string | null;
  decided_at: Timestamp;
  snapshot: ColumnType<unknown, string, string>;
}

export interface SupplierCategoriesTable {
  supplier_id: string;
  category_code: string;
}

/** `plants`: a plant was added, moved or retired; every document's distances change. */
export type OutboxEntity = "supplier" | "plants";

export interface SearchOutboxTable {
  id: Generated<string>;
  entity: OutboxEntity;
  entity_id: string;
  created_at: Timestamp;
  processed_at: Timestamp | null;
  attempts: Generated<number>;
  last_error: string | null;
}

export interface UsersTable {
  id: Generated<string>;
  organization_id: string;
  email: string;
  display_name: string;
  role: Role;
  password_hash: string;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
  password_changed_at: Timestamp;
  /** Set when the member was removed: a deactivated user cannot sign in and is kept for history. */
  deactivated_at: Date | null;
  /** The language of the user's e-mails (migration 0018); null: Chinese. */
  language: ColumnType<"zh" | "en" | null, "zh" | "en" | null | undefined, "zh" | "en" | null>;
}

export interface SessionsTable {
  id: string;
  secret_hash: Uint8Array;
  user_id: string;
  created_at: Timestamp;
  last_verified_at: Timestamp;
}

export interface InvitationsTable {
  id: Generated<string>;
  organization_id: string;
  role: Role;
  token_hash: Uint8Array;
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Date;
  used_at: Date | null;
  used_by: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  organization_id: string;
  name: string;
  token_hash: Uint8Array;
  hint: string;
  created_by: string | null;
  created_at: Timestamp;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** One throttling counter per key (see db/throttle.server.ts); its window ends at `expires_at`. */
export interface ThrottleCountersTable {
  key: string;
  started_at: Date;
  expires_at: Date;
  attempts: number;
}

/** Addresses an account signed in from (the per-account limit does not block them). */
export interface SignInAddressesTable {
  email: string;
  ip: string;
  last_success_at: Date;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor_user_id: string | null;
  organization_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
  ip: string | null;
}

export interface DemandsTable {
  id: Generated<string>;
  oem_id: string;
  plant_id: string;
  created_by: string | null;
  part_name: string;
  category_code: string;
  allow_group: Generated<boolean>;
  spec: Generated<string>;
  annual_volume: number | null;
  unit: Generated<string>;
  sop_date: ColumnType<string | null, string | null | undefined, string | null>;
  required_certs: Generated<string[]>;
  radius_km: Generated<number>;
  response_deadline: ColumnType<string | null, string | null | undefined, string | null>;
  visibility: Generated<DemandVisibility>;
  status: Generated<DemandStatus>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MatchesTable {
  id: Generated<string>;
  demand_id: string;
  supplier_id: string;
  state: MatchState;
  distance_km: number;
  inside_circle: boolean;
  quote_fen: number | null;
  quote_note: Generated<string>;
  decline_reason: Generated<string>;
  contract_fen: number | null;
  contract_volume: number | null;
  period_year: number | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Who started the match: the buyer (shortlist, invite) or the supplier (自荐, migration 0017). */
  origin: Generated<MatchOrigin>;
  /** The supplier's capacity per year, with its quote (units of the demand). */
  capacity: number | null;
  /** The supplier's earliest SOP, with its quote. */
  earliest_sop: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface MatchEventsTable {
  id: Generated<string>;
  match_id: string;
  from_state: MatchState | null;
  to_state: MatchState;
  actor_user_id: string | null;
  at: Timestamp;
  note: Generated<string>;
}

export interface LedgerEntriesTable {
  id: Generated<number>;
  oem_id: string;
  plant_id: string | null;
  supplier_id: string | null;
  outside_supplier_name: string | null;
  supplier_province: string;
  supplier_city_adcode: number | null;
  supplier_in_jilin: boolean;
  distance_km: number | null;
  inside_circle: boolean;
  category_code: string;
  amount_fen: number;
  period_year: number;
  period_quarter: number | null;
  source: LedgerSource;
  match_id: string | null;
  reverses_id: number | null;
  document_no: string | null;
  posted_by: string | null;
  posted_at: Timestamp;
  /** Locality unknown on the province basis (imported on request): in the total, never local. */
  province_unknown: Generated<boolean>;
  /** Locality unknown on the circle basis (imported on request): in the total, never local. */
  circle_unknown: Generated<boolean>;
  /** Imports: 1, or one more than the reversed entry of the same document number it corrects. */
  import_revision: Generated<number>;
  /** Imports: the document's parsed content (ImportedDocument), to compare a re-import with. */
  import_content: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
}

/** Issue 15: a new entrant's production project, recorded by an official (migration 0019). */
export interface EntrantProjectsTable {
  id: Generated<string>;
  supplier_id: string;
  oem_id: string;
  name: string;
  /** Fen, at most MAX_AMOUNT_FEN (a safe integer). */
  total_investment_fen: number;
  equipment_investment_fen: number;
  /** YYYY-MM-DD */
  construction_start: string;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  title: string;
  link: Generated<string>;
  created_at: Timestamp;
  read_at: Date | null;
}

/** A user's choice of whether a notification kind also comes by e-mail (no row: the default). */
export interface NotificationPreferencesTable {
  user_id: string;
  kind: string;
  email: boolean;
  updated_at: Timestamp;
}

/** What a queued e-mail is made from (rendered when it is sent, in the user's language). */
export type MailPayload =
  { kind: string; title: string; link: string } | { token: string; expiresAt: string } | Record<string, never>;

/** E-mails to send after commit (decision 014). */
export interface MailOutboxTable {
  id: Generated<string>;
  user_id: string;
  template: "notification" | "password_reset";
  payload: ColumnType<MailPayload, string, string>;
  created_at: Timestamp;
  next_attempt_at: Timestamp;
  attempts: Generated<number>;
  last_error: string | null;
  sent_at: Date | null;
  failed_at: Date | null;
}

export interface PasswordResetTokensTable {
  id: Generated<string>;
  user_id: string;
  token_hash: Uint8Array;
  created_at: Timestamp;
  expires_at: Date;
  used_at: Date | null;
}

export interface SearchStateTable {
  index_name: string;
  document_version: number;
  /** The plants (code and coordinates) the documents' distances were computed from. */
  plants_fingerprint: string | null;
}

/** The chain map's supplier side per column and category (migration 0021, kept by refreshChainCells). */
export type ChainSupplierCellsTable = SupplierCell;

/** What a registry change has touched since the chain map's last refresh: a category or a supplier (migration 0021). */
export interface ChainDirtyMarksTable {
  id: Generated<number>;
  category_code: string | null;
  supplier_id: string | null;
}

/** Per OEM, supplier and year: entries that count for "first" and the year's value in Jilin (migration 0022). */
export interface LedgerPairYearsTable {
  oem_id: string;
  supplier_id: string;
  period_year: number;
  counted: number;
  jilin_fen: string;
  jilin_entries: number;
}

/** The ledger's sums per OEM, year, category and supplier's city (migration 0023). */
export interface LedgerCityTotalsTable {
  oem_id: string;
  period_year: number;
  category_code: string;
  supplier_city_adcode: number | null;
  supplier_in_jilin: boolean;
  inside_circle: boolean;
  province_unknown: boolean;
  circle_unknown: boolean;
  amount_fen: string;
  entries: number;
}

export interface Database {
  ledger_city_totals: LedgerCityTotalsTable;
  ledger_pair_years: LedgerPairYearsTable;
  chain_supplier_cells: ChainSupplierCellsTable;
  chain_dirty_marks: ChainDirtyMarksTable;
  demands: DemandsTable;
  matches: MatchesTable;
  match_events: MatchEventsTable;
  ledger_entries: LedgerEntriesTable;
  entrant_projects: EntrantProjectsTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  mail_outbox: MailOutboxTable;
  password_reset_tokens: PasswordResetTokensTable;
  search_state: SearchStateTable;
  supplier_certifications: SupplierCertificationsTable;
  supplier_imports: SupplierImportsTable;
  procurement_imports: ProcurementImportsTable;
  users: UsersTable;
  sessions: SessionsTable;
  invitations: InvitationsTable;
  api_tokens: ApiTokensTable;
  throttle_counters: ThrottleCountersTable;
  sign_in_addresses: SignInAddressesTable;
  audit_log: AuditLogTable;
  places: PlacesTable;
  part_categories: PartCategoriesTable;
  organizations: OrganizationsTable;
  plants: PlantsTable;
  supplier_profiles: SupplierProfilesTable;
  supplier_sites: SupplierSitesTable;
  supplier_categories: SupplierCategoriesTable;
  supplier_verification_decisions: SupplierVerificationDecisionsTable;
  search_outbox: SearchOutboxTable;
  reference_versions: ReferenceVersionsTable;
  reference_differences: ReferenceDifferencesTable;
}
