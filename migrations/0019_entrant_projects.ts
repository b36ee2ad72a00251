import { sql, type Kysely } from "kysely";

// Issue 15: the production project an official records for a new entrant into an OEM's
// supply chain (a supplier in Jilin with its first entry from that OEM). One project per
// supplier and OEM; recording again replaces it (every change is in the audit log). The
// reward is computed from these figures and the configured rule, never stored.
// Never edit after it has landed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table entrant_projects (
      id uuid primary key default gen_random_uuid(),
      supplier_id uuid not null references organizations (id),
      oem_id uuid not null references organizations (id),
      name text not null check (length(name) between 1 and 200),
      total_investment_fen bigint not null check (total_investment_fen >= 0),
      equipment_investment_fen bigint not null check (equipment_investment_fen >= 0),
      construction_start date not null,
      recorded_by uuid references users (id) on delete restrict,
      recorded_at timestamptz not null default now(),
      check (equipment_investment_fen <= total_investment_fen),
      unique (supplier_id, oem_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table entrant_projects`.execute(db);
}
