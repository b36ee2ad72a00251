import { sql, type Kysely } from "kysely";

// Issue 15: the chain map's supplier side (verified and pending suppliers inside each
// plant's 100 km circle, the nearest verified one) was one query over every site × every
// plant: 7.6 s p95 at 100,000 suppliers, so it was held 30 s per process and the first
// request of each process waited. Now it is kept in `chain_supplier_cells`, one row per
// column (plant, or OEM with its plants together) and category, and recomputed one category
// at a time: statement triggers record which categories a change touches (a supplier's
// sites, its categories or its verification; any plant change touches every category) in
// `chain_dirty_categories`, and the next read of the map (or the server's background
// refresh) recomputes just those, in the transaction that deletes their marks
// (docs/decisions/017-chain-cells.md). The marks have no unique key, so concurrent writers
// never wait on each other for them. Derived data: it can be rebuilt by marking every
// category. Never edit after it has landed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
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

    create table chain_dirty_categories (
      id bigint generated always as identity primary key,
      category_code text not null
    );

    -- Categories of the suppliers whose sites changed.
    create function chain_dirty_sites() returns trigger language plpgsql as $$
    begin
      if tg_op in ('INSERT', 'UPDATE') then
        insert into chain_dirty_categories (category_code)
        select distinct sc.category_code from supplier_categories sc
        where sc.supplier_id in (select supplier_id from new_rows);
      end if;
      if tg_op in ('UPDATE', 'DELETE') then
        insert into chain_dirty_categories (category_code)
        select distinct sc.category_code from supplier_categories sc
        where sc.supplier_id in (select supplier_id from old_rows);
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
        insert into chain_dirty_categories (category_code) select distinct category_code from new_rows;
      end if;
      if tg_op in ('UPDATE', 'DELETE') then
        insert into chain_dirty_categories (category_code) select distinct category_code from old_rows;
      end if;
      return null;
    end $$;
    create trigger supplier_categories_chain_ins after insert on supplier_categories
      referencing new table as new_rows for each statement execute function chain_dirty_categories_of_rows();
    create trigger supplier_categories_chain_upd after update on supplier_categories
      referencing old table as old_rows new table as new_rows for each statement execute function chain_dirty_categories_of_rows();
    create trigger supplier_categories_chain_del after delete on supplier_categories
      referencing old table as old_rows for each statement execute function chain_dirty_categories_of_rows();

    -- A supplier verified, rejected, suspended (or its kind changed): its categories.
    create function chain_dirty_organizations() returns trigger language plpgsql as $$
    begin
      insert into chain_dirty_categories (category_code)
      select distinct sc.category_code
      from new_rows n join old_rows o on o.id = n.id
      join supplier_categories sc on sc.supplier_id = n.id
      where n.verification_status is distinct from o.verification_status or n.kind is distinct from o.kind;
      return null;
    end $$;
    create trigger organizations_chain_upd after update on organizations
      referencing old table as old_rows new table as new_rows for each statement execute function chain_dirty_organizations();

    -- A plant added, moved or retired: every category that has suppliers.
    create function chain_dirty_all() returns trigger language plpgsql as $$
    begin
      insert into chain_dirty_categories (category_code) select distinct category_code from supplier_categories;
      return null;
    end $$;
    create trigger plants_chain after insert or update or delete on plants
      for each statement execute function chain_dirty_all();

    insert into chain_dirty_categories (category_code) select distinct category_code from supplier_categories;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger plants_chain on plants;
    drop trigger organizations_chain_upd on organizations;
    drop trigger supplier_categories_chain_ins on supplier_categories;
    drop trigger supplier_categories_chain_upd on supplier_categories;
    drop trigger supplier_categories_chain_del on supplier_categories;
    drop trigger supplier_sites_chain_ins on supplier_sites;
    drop trigger supplier_sites_chain_upd on supplier_sites;
    drop trigger supplier_sites_chain_del on supplier_sites;
    drop function chain_dirty_all;
    drop function chain_dirty_organizations;
    drop function chain_dirty_categories_of_rows;
    drop function chain_dirty_sites;
    drop table chain_dirty_categories;
    drop table chain_supplier_cells;
  `.execute(db);
}
