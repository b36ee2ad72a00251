import { sql, type Kysely } from "kysely";

// Reference data is loaded on every start, once per version of the files (reference_versions);
// OEM organizations and plants remember the reference values last loaded into them
// (reference_values), so a later load updates what an administrator left alone and lists
// where a changed reference meets an administrator's edit (reference_differences). OEMs get
// a code (the CLI and the admin pages name them by it); plants can be retired; a plant
// change queues one 'plants' outbox row, which rebuilds the index's distances.
// Never edit after it has landed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table reference_versions (
      dataset text not null,
      version text not null,
      applied_at timestamptz not null default now(),
      primary key (dataset, version)
    );

    alter table organizations
      add column code text unique check (code ~ '^[A-Z0-9][A-Z0-9_-]{1,31}$'),
      add column reference_values jsonb;
    -- OEMs created before codes existed get a placeholder; the reference loader replaces
    -- it with the reference code when it adopts the organization by its Chinese name.
    update organizations set code = 'OEM-' || upper(substr(md5(id::text), 1, 8)) where kind = 'oem';
    alter table organizations add constraint organizations_oem_code_chk check (kind <> 'oem' or code is not null);

    alter table plants
      add column reference_values jsonb,
      add column retired_at timestamptz,
      add column retired_by uuid references users (id) on delete set null,
      add column updated_at timestamptz not null default now();

    create table reference_differences (
      id bigserial primary key,
      entity text not null check (entity in ('organization', 'plant')),
      entity_id uuid not null,
      field text not null,
      reference_value jsonb not null,
      local_value jsonb not null,
      reference_version text not null,
      detected_at timestamptz not null default now(),
      decision text check (decision in ('accepted', 'kept')),
      decided_by uuid references users (id) on delete set null,
      decided_at timestamptz
    );
    create unique index reference_differences_open_idx on reference_differences (entity, entity_id, field)
      where decision is null;

    alter table search_outbox drop constraint search_outbox_entity_check;
    alter table search_outbox add constraint search_outbox_entity_check check (entity in ('supplier', 'plants'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    delete from search_outbox where entity = 'plants';
    alter table search_outbox drop constraint search_outbox_entity_check;
    alter table search_outbox add constraint search_outbox_entity_check check (entity in ('supplier'));
    drop table reference_differences;
    alter table plants drop column updated_at, drop column retired_by, drop column retired_at,
      drop column reference_values;
    alter table organizations drop constraint organizations_oem_code_chk;
    alter table organizations drop column reference_values, drop column code;
    drop table reference_versions;
  `.execute(db);
}
