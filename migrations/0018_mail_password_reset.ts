import { sql, type Kysely } from "kysely";

// E-mail (issue 14): notifications and password reset by e-mail.
// - users.language: the language a user's e-mails are written in (null: Chinese).
// - notification_preferences: each user's choice, per notification kind, of whether it also
//   comes by e-mail; a kind without a row takes the product's default
//   (app/domain/notification-kinds.ts).
// - mail_outbox: e-mails to send, written in the transaction of the change that causes them
//   and sent after commit by the mail worker (decision 014); at least once, retried with
//   back-off; what was sent keeps no payload (a reset link's token is wiped once sent).
// - password_reset_tokens: single-use, one hour; only the token's SHA-256 is stored.
// Never edit after it has landed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table users add column language text check (language in ('zh', 'en'));

    create table notification_preferences (
      user_id uuid not null references users (id) on delete cascade,
      kind text not null,
      email boolean not null,
      updated_at timestamptz not null default now(),
      primary key (user_id, kind)
    );

    create table mail_outbox (
      id bigserial primary key,
      user_id uuid not null references users (id) on delete cascade,
      template text not null check (template in ('notification', 'password_reset')),
      payload jsonb not null default '{}',
      created_at timestamptz not null default now(),
      next_attempt_at timestamptz not null default now(),
      attempts integer not null default 0,
      last_error text,
      sent_at timestamptz,
      failed_at timestamptz
    );
    create index mail_outbox_pending_idx on mail_outbox (next_attempt_at, id)
      where sent_at is null and failed_at is null;

    create table password_reset_tokens (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id) on delete cascade,
      token_hash bytea not null unique,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    );
    create index password_reset_tokens_user_idx on password_reset_tokens (user_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table password_reset_tokens;
    drop table mail_outbox;
    drop table notification_preferences;
    alter table users drop column language;
  `.execute(db);
}
