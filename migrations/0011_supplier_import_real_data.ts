import { sql, type Kysely } from "kysely";

// What real supplier lists carry (issue 12, part 5): a stable external id per supplier (the
// import's upsert key when there is no USCC), the sources the record was compiled from, and
// per site how well its point is known and whether it works. The gazetteer gains the seat
// point of each place (a prefecture-level supplier stands at its prefecture's seat, not at
// the prefecture's label point, which can be 50 km away). Never edit after it has landed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table organizations
      add column external_id text
        check (length(external_id) between 1 and 100),
      add constraint organizations_external_id_supplier check (external_id is null or kind = 'supplier');
    create unique index organizations_external_id_key on organizations (external_id) where external_id is not null;

    alter table supplier_profiles
      add column source_urls text[] not null default '{}' check (cardinality(source_urls) <= 10);

    alter table supplier_sites
      add column location_precision text not null default 'exact'
        check (location_precision in ('exact','street','zone','county_seat','prefecture_seat')),
      add column precision_km double precision check (precision_km > 0 and precision_km <= 500),
      add column operating_status text not null default 'operating'
        check (operating_status in ('operating','under_construction','closed','unverified')),
      add constraint supplier_sites_zone_has_km check (location_precision <> 'zone' or precision_km is not null);

    alter table places
      add column if not exists seat_lat double precision,
      add column if not exists seat_lng double precision;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table supplier_sites drop constraint supplier_sites_zone_has_km,
      drop column location_precision, drop column precision_km, drop column operating_status;
    alter table supplier_profiles drop column source_urls;
    drop index organizations_external_id_key;
    alter table organizations drop constraint organizations_external_id_supplier, drop column external_id;
  `.execute(db);
}
