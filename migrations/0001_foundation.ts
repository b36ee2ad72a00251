import { sql, type Kysely } from "kysely";

// Foundation: reference data (places, taxonomy), organizations, plants, supplier
// sites and categories, and the search outbox. Never edit after it has landed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table places (
      adcode integer primary key,
      name_zh text not null,
      name_en text not null,
      name_pinyin text not null,
      level text not null check (level in ('province','prefecture_city','autonomous_prefecture','district','county','county_level_city','autonomous_county')),
      parent_adcode integer,
      lat double precision not null,
      lng double precision not null,
      area_km2 double precision
    );
    create index places_parent_idx on places (parent_adcode);

    create table part_categories (
      code text primary key,
      parent_code text references part_categories (code),
      level smallint not null check (level in (1, 2)),
      name_zh text not null,
      name_en text not null,
      nev_key boolean not null default false,
      domain text not null,
      check ((level = 1) = (parent_code is null))
    );

    create table organizations (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in ('oem','supplier','agency')),
      name_zh text not null check (length(name_zh) between 1 and 200),
      name_en text check (length(name_en) <= 200),
      uscc char(18) unique,
      is_sample boolean not null default false,
      verification_status text not null default 'pending'
        check (verification_status in ('pending','verified','rejected')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index organizations_kind_idx on organizations (kind);

    create table plants (
      id uuid primary key default gen_random_uuid(),
      code text not null unique,
      oem_id uuid not null references organizations (id),
      name_zh text not null,
      name_en text not null,
      lat double precision not null check (lat between -90 and 90),
      lng double precision not null check (lng between -180 and 180),
      adcode integer references places (adcode),
      precision_km double precision,
      created_at timestamptz not null default now()
    );
    create index plants_oem_idx on plants (oem_id);

    create table supplier_profiles (
      supplier_id uuid primary key references organizations (id) on delete cascade,
      products_zh text not null default '',
      products_en text not null default '',
      nev_capable boolean not null default false,
      employees integer check (employees >= 0),
      updated_at timestamptz not null default now()
    );

    create table supplier_sites (
      id uuid primary key default gen_random_uuid(),
      supplier_id uuid not null references organizations (id) on delete cascade,
      label text not null default '',
      adcode integer not null references places (adcode),
      lat double precision not null check (lat between -90 and 90),
      lng double precision not null check (lng between -180 and 180),
      address text not null default '',
      is_primary boolean not null default false
    );
    create index supplier_sites_supplier_idx on supplier_sites (supplier_id);

    create table supplier_categories (
      supplier_id uuid not null references organizations (id) on delete cascade,
      category_code text not null references part_categories (code),
      primary key (supplier_id, category_code)
    );
    create index supplier_categories_code_idx on supplier_categories (category_code);

    create table search_outbox (
      id bigserial primary key,
      entity text not null check (entity in ('supplier')),
      entity_id text not null,
      created_at timestamptz not null default now(),
      processed_at timestamptz,
      attempts integer not null default 0,
      last_error text
    );
    create index search_outbox_pending_idx on search_outbox (id) where processed_at is null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table search_outbox;
    drop table supplier_categories;
    drop table supplier_sites;
    drop table supplier_profiles;
    drop table plants;
    drop table organizations;
    drop table part_categories;
    drop table places;
  `.execute(db);
}
