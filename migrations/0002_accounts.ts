import { sql, type Kysely } from "kysely";

// Accounts: users with one role in one organization, database sessions (only the
// SHA-256 of each session secret is stored), invitations, organization API tokens,
// sign-in attempts for throttling, and the audit log. Never edit after it has landed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table users (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references organizations (id) on delete cascade,
      email text not null check (email = lower(email) and length(email) between 3 and 254),
      display_name text not null check (length(display_name) between 1 and 100),
      role text not null check (role in ('supplier_member','supplier_admin','oem_buyer','oem_admin','official','admin')),
      password_hash text not null,
      is_demo boolean not null default false,
      created_at timestamptz not null default now(),
      password_changed_at timestamptz not null default now()
    );
    create unique index users_email_idx on users (email);
    create index users_organization_idx on users (organization_id);

    create table sessions (
      id text primary key,
      secret_hash bytea not null,
      user_id uuid not null references users (id) on delete cascade,
      created_at timestamptz not null default now(),
      last_verified_at timestamptz not null default now()
    );
    create index sessions_user_idx on sessions (user_id);

    create table invitations (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references organizations (id) on delete cascade,
      role text not null,
      token_hash bytea not null unique,
      created_by uuid references users (id) on delete set null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz,
      used_by uuid references users (id) on delete set null
    );
    create index invitations_organization_idx on invitations (organization_id);

    create table api_tokens (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references organizations (id) on delete cascade,
      name text not null check (length(name) between 1 and 100),
      token_hash bytea not null unique,
      hint text not null,
      created_by uuid references users (id) on delete set null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    create index api_tokens_organization_idx on api_tokens (organization_id);

    create table sign_in_attempts (
      id bigserial primary key,
      email text not null,
      ip text not null,
      succeeded boolean not null,
      at timestamptz not null default now()
    );
    create index sign_in_attempts_email_idx on sign_in_attempts (email, at);
    create index sign_in_attempts_ip_idx on sign_in_attempts (ip, at);

    create table audit_log (
      id bigserial primary key,
      at timestamptz not null default now(),
      actor_user_id uuid references users (id) on delete set null,
      organization_id uuid references organizations (id) on delete set null,
      action text not null,
      subject_type text,
      subject_id text,
      detail jsonb not null default '{}',
      ip text
    );
    create index audit_log_at_idx on audit_log (at desc);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table audit_log;
    drop table sign_in_attempts;
    drop table api_tokens;
    drop table invitations;
    drop table sessions;
    drop table users;
  `.execute(db);
}
