import { sql, type Kysely } from "kysely";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import * as totals from "../../migrations/0020_ledger_totals";
import * as pairs from "../../migrations/0022_ledger_pair_years";
import * as cities from "../../migrations/0023_ledger_city_totals";
import { testServices, type TestServices } from "../helpers/services";

// The rollup migrations backfill from what is committed, then install their trigger. A
// ledger insert under way meanwhile (an import on the instance being replaced during a
// deploy) ran the old triggers and is not yet visible to the backfill: without the table
// lock each migration takes first, its rollup would miss that entry for good.

let s: TestServices;
let plant: { id: string; oem_id: string };
let supplierId: string;

beforeAll(async () => {
  s = await testServices({ reconcile: false });
  plant = await s.db.selectFrom("plants").select(["id", "oem_id"]).executeTakeFirstOrThrow();
  supplierId = (
    await s.db
      .insertInto("organizations")
      .values({ kind: "supplier", name_zh: "迁移汇总测试", name_en: null, verification_status: "verified" })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
});

/** Runs `migrate` while another connection holds an uncommitted ledger insert of `fen`, committed 300 ms later. */
async function migrateBesideAnInsert(migrate: () => Promise<void>, fen: number) {
  const other = new pg.Client({ connectionString: s.databaseUrl });
  await other.connect();
  try {
    await other.query("begin");
    await other.query(
      `insert into ledger_entries (oem_id, plant_id, supplier_id, supplier_province, supplier_in_jilin, inside_circle,
         distance_km, category_code, amount_fen, period_year, period_quarter, source, document_no)
       values ($1, $2, $3, '吉林省', true, true, 10, 'A01', $4, 2025, 1, 'import', $5)`,
      [plant.oem_id, plant.id, supplierId, fen, `MIGRATION-${fen}`],
    );
    const running = migrate();
    await new Promise((r) => setTimeout(r, 300));
    await other.query("commit");
    await running;
  } finally {
    await other.end();
  }
}

const sumOf = async (table: string) =>
  (await sql<{ fen: string }>`select coalesce(sum(amount_fen), 0)::text as fen from ${sql.table(table)}`.execute(s.db))
    .rows[0]!.fen;

describe("the rollup migrations and a ledger insert under way", () => {
  it("each rollup holds the entry committed while it was being built", async () => {
    const raw = s.db as unknown as Kysely<unknown>;
    await cities.down(raw);
    await pairs.down(raw);
    await totals.down(raw);

    await migrateBesideAnInsert(() => totals.up(raw), 12_345);
    await migrateBesideAnInsert(() => pairs.up(raw), 23_456);
    await migrateBesideAnInsert(() => cities.up(raw), 34_567);

    const ledger = await sumOf("ledger_entries");
    expect(BigInt(ledger)).toBeGreaterThanOrEqual(12_345n + 23_456n + 34_567n);
    expect(await sumOf("ledger_totals")).toBe(ledger);
    expect(await sumOf("ledger_city_totals")).toBe(ledger);
    const pair = await s.db
      .selectFrom("ledger_pair_years")
      .select(["counted", "jilin_fen"])
      .where("supplier_id", "=", supplierId)
      .where("period_year", "=", 2025)
      .executeTakeFirstOrThrow();
    expect([pair.counted, String(pair.jilin_fen)]).toEqual([3, "70368"]); // 12,345 + 23,456 + 34,567
  });
});
