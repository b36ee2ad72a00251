import { sql, type Kysely } from "kysely";

// Issue 15: the chain map's supplier side (verified and pending suppliers inside each
// plant's 100 km circle, the nearest verified one) was one query over every site × every
// plant: 7.6 s p95 at 100,000 suppliers, so it was held 30 s per process and the first
// request of each process waited. Now it is kept in `chain_supplier_cells`, one row per
// column (plant, or OEM with its plants together) and category, and recomputed one category
// at a time: statement triggers record what a change touches in `chain_dirty_marks` (a
// supplier whose sites or verification changed, a category added to or removed from a
// supplier; a plant added, moved or retired touches every category), and the next read of
// the map (or the server's background refresh) recomputes just those categories, in the
// transaction that deletes their marks (docs/decisions/017-chain-cells.md). The marks have
// no unique key, so concurrent writers never wait on each other for them. Derived data: it can be rebuilt by marking every
// category. Never edit after it has landed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- No registry write between the initial marks and the triggers: one that began before
    -- would otherwise be neither marked nor seen by the first refresh.
    lock table supplier_sites, supplier_categories, organizations, plants in share row exclusive mode;

    create table chain_supplier_cells (
      col_kind text not null check (col_kind in ('plant', 'oem')),
      col_id uuid not null,
      category_code text not null,
      verified_inside integer not null,
      pending_inside integer not null,
      nearest_verified_km double precision,
      primary key (col_kind, col_id, category_code)
    );
    create index chain_supplier_cells_category_idx on chain_supplier_cells (category_code);

    -- What a change has touched since the last refresh: a category, or a supplier whose
    -- categories the refresh looks up when it runs (not in the writer's snapshot, which may
    -- miss a category another transaction gives the supplier meanwhile).
    create table chain_dirty_marks (
      id bigint generated always as identity primary key,
      category_code text,
      supplier_id uuid,
      check ((category_code is null) <> (supplier_id is null))
    );

    -- The suppliers whose sites changed (added, moved, closed, removed, handed to another supplier).
    create function chain_dirty_sites() returns trigger language plpgsql as $$
    begin
      if tg_op in ('INSERT', 'UPDATE') then
        insert into chain_dirty_marks (supplier_id) select distinct supplier_id from new_rows;
      end if;
      if tg_op in ('UPDATE', 'DELETE') then
        insert into chain_dirty_marks (supplier_id) select distinct supplier_id from old_rows;
      end if;
      return null;
    end $$;
    create trigger supplier_sites_chain_ins after insert on supplier_sites
      referencing new table as new_rows for each statement execute function chain_dirty_sites();
    create trigger supplier_sites_chain_upd after update on supplier_sites
      referencing old table as old_rows new table as new_rows for each statement execute function chain_dirty_sites();
    create trigger supplier_sites_chain_del after delete on supplier_sites
      referencing old table as old_rows for each statement execute function chain_dirty_sites();

    -- Categories added to or removed from a supplier.
    create function chain_dirty_categories_of_rows() returns trigger language plpgsql as $$
    begin
      if tg_op in ('INSERT', 'UPDATE') then
        insert into chain_dirty_marks (category_code) select distinct category_code from new_rows;
      end if;
      if tg_op in ('UPDATE', 'DELETE') then
        insert into chain_dirty_marks (category_code) select distinct category_code from old_rows;
      end if;
      return null;
    end $$;
    create trigger supplier_categories_chain_ins after insert on supplier_categories
      referencing new table as new_rows for each statement execute function chain_dirty_categories_of_rows();
    create trigger supplier_categories_chain_upd after update on supplier_categories
      referencing old table as old_rows new table as new_rows for each statement execute function chain_dirty_categories_of_rows();
    create trigger supplier_categories_chain_del after delete on supplier_categories
      referencing old table as old_rows for each statement execute function chain_dirty_categories_of_rows();

    -- A supplier verified, rejected, suspended (or its kind changed).
    create function chain_dirty_organizations() returns trigger language plpgsql as $$
    begin
      insert into chain_dirty_marks (supplier_id)
      select n.id from new_rows n join old_rows o on o.id = n.id
      where n.verification_status is distinct from o.verification_status or n.kind is distinct from o.kind;
      return null;
    end $$;
    create trigger organizations_chain_upd after update on organizations
      referencing old table as old_rows new table as new_rows for each statement execute function chain_dirty_organizations();

    -- A plant added or removed, or moved, retired, restored or handed to another OEM: every
    -- category that has suppliers. A change of name or code alone changes no cell.
    create function chain_dirty_plants() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' then
        if not exists (
          select 1 from new_rows n join old_rows o on o.id = n.id
          where (n.lat, n.lng, n.oem_id) is distinct from (o.lat, o.lng, o.oem_id)
            or (n.retired_at is null) <> (o.retired_at is null)
        ) then
          return null;
        end if;
      end if;
      insert into chain_dirty_marks (category_code) select distinct category_code from supplier_categories;
      return null;
    end $$;
    create trigger plants_chain_ins after insert on plants
      referencing new table as new_rows for each statement execute function chain_dirty_plants();
    create trigger plants_chain_upd after update on plants
      referencing old table as old_rows new table as new_rows for each statement execute function chain_dirty_plants();
    create trigger plants_chain_del after delete on plants
      referencing old table as old_rows for each statement execute function chain_dirty_plants();

    insert into chain_dirty_marks (category_code) select distinct category_code from supplier_categories;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger plants_chain_ins on plants;
    drop trigger plants_chain_upd on plants;
    drop trigger plants_chain_del on plants;
    drop trigger organizations_chain_upd on organizations;
    drop trigger supplier_categories_chain_ins on supplier_categories;
    drop trigger supplier_categories_chain_upd on supplier_categories;
    drop trigger supplier_categories_chain_del on supplier_categories;
    drop trigger supplier_sites_chain_ins on supplier_sites;
    drop trigger supplier_sites_chain_upd on supplier_sites;
    drop trigger supplier_sites_chain_del on supplier_sites;
    drop function chain_dirty_plants;
    drop function chain_dirty_organizations;
    drop function chain_dirty_categories_of_rows;
    drop function chain_dirty_sites;
    drop table chain_dirty_marks;
    drop table chain_supplier_cells;
  `.execute(db);
}
