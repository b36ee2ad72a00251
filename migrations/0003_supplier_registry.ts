import { sql, type Kysely } from "kysely";

// Supplier registry: the rest of the capability profile, certifications with validity,
// verification decisions, and bulk import jobs. Never edit after it has landed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table supplier_profiles
      add column processes text[] not null default '{}',
      add column annual_capacity text not null default '' check (length(annual_capacity) <= 200),
      add column customers text[] not null default '{}',
      add column contact_name text not null default '' check (length(contact_name) <= 100),
      add column contact_phone text not null default '' check (length(contact_phone) <= 50),
      add column contact_email text not null default '' check (length(contact_email) <= 254);

    alter table organizations
      add column verification_reason text check (length(verification_reason) <= 1000),
      add column verified_at timestamptz,
      add column verified_by uuid references users (id) on delete set null;

    create table supplier_certifications (
      id uuid primary key default gen_random_uuid(),
      supplier_id uuid not null references organizations (id) on delete cascade,
      kind text not null check (kind in ('IATF16949','ISO9001','ISO14001','ISO45001','VDA6.3','other')),
      name text not null default '' check (length(name) <= 100),
      valid_until date,
      unique (supplier_id, kind, name)
    );
    create index supplier_certifications_supplier_idx on supplier_certifications (supplier_id);

    create index supplier_sites_adcode_idx on supplier_sites (adcode);
    create index organizations_name_zh_idx on organizations (name_zh);

    create table supplier_imports (
      id uuid primary key default gen_random_uuid(),
      created_by uuid references users (id) on delete set null,
      file_name text not null,
      status text not null default 'running' check (status in ('running','done','failed')),
      total_rows integer not null default 0,
      processed_rows integer not null default 0,
      inserted integer not null default 0,
      updated integer not null default 0,
      unchanged integer not null default 0,
      rejected integer not null default 0,
      report jsonb not null default '[]',
      error text,
      created_at timestamptz not null default now(),
      finished_at timestamptz
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table supplier_imports;
    drop table supplier_certifications;
    drop index organizations_name_zh_idx;
    drop index supplier_sites_adcode_idx;
    alter table organizations drop column verification_reason, drop column verified_at, drop column verified_by;
    alter table supplier_profiles drop column processes, drop column annual_capacity, drop column customers,
      drop column contact_name, drop column contact_phone, drop column contact_email;
  `.execute(db);
}
