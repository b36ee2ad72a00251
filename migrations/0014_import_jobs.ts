import { sql, type Kysely } from "kysely";

// Import jobs that survive a dead worker and run one at a time per organization (issue 13,
// findings 7 and 15):
// - A supplier import keeps its parsed rows while it waits or runs (cleared at its end), so
//   another process can run it from the last committed chunk when its worker dies.
// - A running job holds a lease (lease_owner, lease_until) that its runner renews; a job
//   whose lease ran out is taken over (resumed, or failed with what it wrote).
// - 'queued': a job that waits for the organization's running import. A partial unique
//   index lets an organization have one running job of each kind, whatever the race.
// - procurement_imports: the OEMs' ledger imports as jobs (they ran in the request alone).
// Old jobs have no organization: they never block anyone. Never edit after it has landed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table supplier_imports
      add column organization_id uuid references organizations (id),
      add column rows jsonb,
      add column lease_owner text,
      add column lease_until timestamptz,
      add column started_at timestamptz,
      drop constraint supplier_imports_status_check,
      add constraint supplier_imports_status_check check (status in ('queued','running','done','failed'));
    update supplier_imports set status = 'failed', error = 'lease_expired', finished_at = now()
      where status = 'running';
    create unique index supplier_imports_one_running on supplier_imports (organization_id) where status = 'running';
    create index supplier_imports_waiting on supplier_imports (organization_id, created_at)
      where status in ('queued','running');

    create table procurement_imports (
      id uuid primary key default gen_random_uuid(),
      oem_id uuid not null references organizations (id),
      created_by uuid references users (id) on delete set null,
      file_name text not null default '',
      status text not null default 'queued' check (status in ('queued','running','done','failed')),
      total_rows integer not null default 0,
      processed_rows integer not null default 0,
      inserted integer not null default 0,
      unchanged integer not null default 0,
      rejected integer not null default 0,
      error text,
      lease_owner text,
      lease_until timestamptz,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz
    );
    create unique index procurement_imports_one_running on procurement_imports (oem_id) where status = 'running';
    create index procurement_imports_waiting on procurement_imports (oem_id, created_at)
      where status in ('queued','running');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table procurement_imports;
    drop index supplier_imports_waiting;
    drop index supplier_imports_one_running;
    update supplier_imports set status = 'failed' where status = 'queued';
    alter table supplier_imports
      drop constraint supplier_imports_status_check,
      add constraint supplier_imports_status_check check (status in ('running','done','failed')),
      drop column started_at,
      drop column lease_until,
      drop column lease_owner,
      drop column rows,
      drop column organization_id;
  `.execute(db);
}
