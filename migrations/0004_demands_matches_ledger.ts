import { sql, type Kysely } from "kysely";

// Demands, matches and their history, the append-only ledger, notifications, and the
// search document version. Never edit after it has landed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table demands (
      id uuid primary key default gen_random_uuid(),
      oem_id uuid not null references organizations (id),
      plant_id uuid not null references plants (id),
      created_by uuid references users (id) on delete set null,
      part_name text not null check (length(part_name) between 1 and 200),
      category_code text not null references part_categories (code),
      allow_group boolean not null default false,
      spec text not null default '' check (length(spec) <= 5000),
      annual_volume bigint check (annual_volume >= 0),
      unit text not null default '件' check (length(unit) <= 20),
      sop_date date,
      required_certs text[] not null default '{}',
      radius_km double precision not null default 100 check (radius_km > 0 and radius_km <= 500),
      response_deadline date,
      visibility text not null default 'all' check (visibility in ('all','invited')),
      status text not null default 'open' check (status in ('open','closed','awarded')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index demands_oem_idx on demands (oem_id, status);
    create index demands_open_category_idx on demands (category_code) where status = 'open';

    create table matches (
      id uuid primary key default gen_random_uuid(),
      demand_id uuid not null references demands (id) on delete cascade,
      supplier_id uuid not null references organizations (id),
      state text not null check (state in ('shortlisted','invited','interested','declined','confirmed','withdrawn')),
      distance_km double precision not null,
      inside_circle boolean not null,
      quote_fen bigint check (quote_fen >= 0),
      quote_note text not null default '' check (length(quote_note) <= 2000),
      decline_reason text not null default '' check (length(decline_reason) <= 2000),
      contract_fen bigint check (contract_fen > 0),
      contract_volume bigint check (contract_volume >= 0),
      period_year integer check (period_year between 2000 and 2100),
      created_by uuid references users (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (demand_id, supplier_id)
    );
    create index matches_supplier_idx on matches (supplier_id);

    create table match_events (
      id bigserial primary key,
      match_id uuid not null references matches (id) on delete cascade,
      from_state text,
      to_state text not null,
      actor_user_id uuid references users (id) on delete set null,
      at timestamptz not null default now(),
      note text not null default ''
    );
    create index match_events_match_idx on match_events (match_id);

    create table ledger_entries (
      id bigserial primary key,
      oem_id uuid not null references organizations (id),
      plant_id uuid references plants (id),
      supplier_id uuid references organizations (id),
      outside_supplier_name text,
      supplier_province text not null,
      supplier_city_adcode integer,
      supplier_in_jilin boolean not null,
      distance_km double precision,
      inside_circle boolean not null,
      category_code text not null references part_categories (code),
      amount_fen bigint not null,
      period_year integer not null check (period_year between 2000 and 2100),
      period_quarter smallint check (period_quarter between 1 and 4),
      source text not null check (source in ('match','import','reversal')),
      match_id uuid references matches (id),
      reverses_id bigint references ledger_entries (id),
      document_no text,
      posted_by uuid references users (id) on delete set null,
      posted_at timestamptz not null default now(),
      check ((source = 'match') = (match_id is not null)),
      check ((source = 'reversal') = (reverses_id is not null)),
      check (supplier_id is not null or outside_supplier_name is not null),
      check (source = 'reversal' or amount_fen > 0)
    );
    create unique index ledger_one_entry_per_match on ledger_entries (match_id) where source = 'match';
    create unique index ledger_one_reversal_per_entry on ledger_entries (reverses_id);
    create unique index ledger_import_document on ledger_entries (oem_id, document_no) where source = 'import';
    create index ledger_scope_idx on ledger_entries (oem_id, period_year);

    -- The ledger is append-only: the database itself refuses to change or remove entries.
    create function ledger_entries_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'ledger_entries is append-only: % is not allowed; post a reversal instead', tg_op
        using errcode = 'P0001';
    end $$;
    create trigger ledger_entries_no_update before update or delete on ledger_entries
      for each row execute function ledger_entries_append_only();
    create trigger ledger_entries_no_truncate before truncate on ledger_entries
      for each statement execute function ledger_entries_append_only();

    create table notifications (
      id bigserial primary key,
      user_id uuid not null references users (id) on delete cascade,
      kind text not null,
      title text not null,
      link text not null default '',
      created_at timestamptz not null default now(),
      read_at timestamptz
    );
    create index notifications_unread_idx on notifications (user_id) where read_at is null;

    create table search_state (
      index_name text primary key,
      document_version integer not null
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table search_state;
    drop table notifications;
    drop trigger ledger_entries_no_truncate on ledger_entries;
    drop trigger ledger_entries_no_update on ledger_entries;
    drop table ledger_entries;
    drop function ledger_entries_append_only;
    drop table match_events;
    drop table matches;
    drop table demands;
  `.execute(db);
}
