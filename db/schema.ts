import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/** Timestamps: written as Date or left to the default, read as Date. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type OrganizationKind = "oem" | "supplier" | "agency";
export type VerificationStatus = "pending" | "verified" | "rejected";

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
}

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
}

export interface SupplierProfilesTable {
  supplier_id: string;
  products_zh: Generated<string>;
  products_en: Generated<string>;
  nev_capable: Generated<boolean>;
  employees: number | null;
  updated_at: Timestamp;
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
}

export interface SupplierCategoriesTable {
  supplier_id: string;
  category_code: string;
}

export type OutboxEntity = "supplier";

export interface SearchOutboxTable {
  id: Generated<string>;
  entity: OutboxEntity;
  entity_id: string;
  created_at: Timestamp;
  processed_at: Timestamp | null;
  attempts: Generated<number>;
  last_error: string | null;
}

export interface Database {
  places: PlacesTable;
  part_categories: PartCategoriesTable;
  organizations: OrganizationsTable;
  plants: PlantsTable;
  supplier_profiles: SupplierProfilesTable;
  supplier_sites: SupplierSitesTable;
  supplier_categories: SupplierCategoriesTable;
  search_outbox: SearchOutboxTable;
}

export type Organization = Selectable<OrganizationsTable>;
export type NewOrganization = Insertable<OrganizationsTable>;
export type OrganizationUpdate = Updateable<OrganizationsTable>;
export type Plant = Selectable<PlantsTable>;
export type PartCategory = Selectable<PartCategoriesTable>;
export type Place = Selectable<PlacesTable>;
