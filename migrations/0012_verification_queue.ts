import { sql, type Kysely } from "kysely";

// The officials' verification queue: every decision on a supplier is kept with a snapshot
// of the profile it was made on (so the queue can show what changed since), and a supplier
// remembers whether it signed up itself or was loaded by an official (import, seed).
// Never edit after it has landed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table supplier_verification_decisions (
      id bigint generated always as identity primary key,
      supplier_id uuid not null references organizations (id) on delete cascade,
      decision text not null check (decision in ('verified','rejected')),
      reason text check (length(reason) <= 1000),
      decided_by uuid references users (id) on delete set null,
      decided_at timestamptz not null default now(),
      snapshot jsonb not null
    );
    create index supplier_verification_decisions_supplier_idx
      on supplier_verification_decisions (supplier_id, id desc);

    alter table organizations add column signed_up boolean not null default false;
    -- Suppliers that signed up before this column: their sign-up wrote a sign_up audit row
    -- in the same transaction as the organization.
    update organizations o set signed_up = true
      where o.kind = 'supplier'
        and exists (select 1 from audit_log a where a.action = 'sign_up' and a.organization_id = o.id);

    create index organizations_pending_suppliers_idx on organizations (created_at, id)
      where kind = 'supplier' and verification_status = 'pending';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index organizations_pending_suppliers_idx;
    alter table organizations drop column signed_up;
    drop table supplier_verification_decisions;
  `.execute(db);
}
