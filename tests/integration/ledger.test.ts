import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROCUREMENT_COLUMNS } from "../../app/domain/procurement-import";
import { sumFacts, type LedgerFact } from "../../app/domain/rates";
import { csvToRecords } from "../../app/lib/import/records";
import { createApiToken } from "../../db/api-tokens.server";
import { ledgerSums } from "../../db/ledger.server";
import { confirmMatch, inviteMatch, respondToMatch } from "../../app/features/matching/match-actions.server";
import { postTestDemand } from "../helpers/demands";
import { importProcurement as importProcurementUseCase } from "../../app/features/ledger/import-procurement.server";
import { reverseLedgerEntry } from "../../app/features/ledger/reverse.server";
import type { ProcurementRecord } from "../../app/domain/procurement-import";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";
import { auditRows, expectAuditInTransaction } from "../helpers/audit";
import { HttpClient } from "../helpers/http";
import { seedDemoIfEmpty } from "../../app/features/demo/seed-demo.server";
import { findUserByEmail } from "../../db/users.server";
import { serveApp, defaultSettings } from "../helpers/app";
import { testServices, type TestServices } from "../helpers/services";

let s: TestServices;
let app: Awaited<ReturnType<typeof serveApp>>;
let oem: { id: string; organization_id: string };

beforeAll(async () => {
  s = await testServices({ reconcile: false });
  await seedDemoIfEmpty(s.db);
  app = await serveApp({ db: s.db, search: s.search, ...defaultSettings() });
  oem = (await findUserByEmail(s.db, "oem-admin@demo.peitao.example"))!;
});
afterAll(() => app?.close());

// The use cases as an OEM admin calls them (the tests before them took these arguments).
const deps = () => ({ db: s.db, ip: null });
const importProcurement = (
  _db: unknown,
  oemId: string,
  records: { row: number; record: ProcurementRecord }[],
  userId: string | null,
) => importProcurementUseCase(deps(), { userId, organizationId: oemId }, { records });
const reverseEntry = async (_db: unknown, entryId: number, scope: { oemId: string | null }, userId: string) =>
  (
    await reverseLedgerEntry(
      deps(),
      { userId, organizationId: scope.oemId ?? oem.organization_id, role: scope.oemId ? "oem_admin" : "admin" },
      { entryId },
    )
  ).reversalId;
const entryCount = async () =>
  Number(
    (
      await s.db
        .selectFrom("ledger_entries")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("ledger sums and rates", () => {
  it("the SQL sums equal the arithmetic over the same entries, per OEM and year, on both bases", async () => {
    const rows = await s.db
      .selectFrom("ledger_entries as l")
      .innerJoin("part_categories as c", "c.code", "l.category_code")
      .select([
        "l.oem_id",
        "l.period_year",
        "l.amount_fen",
        "l.supplier_in_jilin",
        "l.inside_circle",
        "l.period_quarter",
        "c.nev_key",
      ])
      .execute();
    expect(rows.length).toBeGreaterThan(500);
    const facts: LedgerFact[] = rows.map((r) => ({
      amountFen: r.amount_fen,
      inJilin: r.supplier_in_jilin,
      insideCircle: r.inside_circle,
      year: r.period_year,
      quarter: r.period_quarter,
      nevKey: r.nev_key,
      oemId: r.oem_id,
    }));
    const sql = await ledgerSums(s.db, ["oem", "year"]);
    for (const row of sql) {
      const mine = facts.filter((f) => f.oemId === row.oem && f.year === row.year);
      expect(row.total_fen).toBe(sumFacts(mine, "province").totalFen);
      expect(row.province_fen).toBe(sumFacts(mine, "province").localFen);
      expect(row.circle_fen).toBe(sumFacts(mine, "circle").localFen);
      expect(row.nev_province_fen).toBe(
        sumFacts(
          mine.filter((f) => f.nevKey),
          "province",
        ).localFen,
      );
    }
  });

  it("the rollup the rates read equals the entries grouped, row for row (kept per statement by the trigger)", async () => {
    const { sql: raw } = await import("kysely");
    const keys =
      "oem_id, plant_id, period_year, period_quarter, category_code, supplier_city_adcode, supplier_in_jilin, inside_circle";
    // Many entries with the same keys in one statement.
    const plant = await s.db.selectFrom("plants").select(["id", "oem_id"]).executeTakeFirstOrThrow();
    await s.db
      .insertInto("ledger_entries")
      .values(
        Array.from({ length: 50 }, (_, i) => ({
          oem_id: plant.oem_id,
          plant_id: plant.id,
          outside_supplier_name: "汇总测试",
          supplier_province: "吉林省",
          supplier_in_jilin: true,
          inside_circle: i % 2 === 0,
          distance_km: 10,
          category_code: "A01",
          amount_fen: 100 + i,
          period_year: 2024,
          period_quarter: 1 + (i % 4),
          source: "import" as const,
          document_no: `ROLLUP-${i}`,
        })),
      )
      .execute();
    const grouped = await raw<{
      k: string;
    }>`select concat_ws('|', ${raw.raw(keys)}, sum(amount_fen), count(*)) as k from ledger_entries group by ${raw.raw(keys)} order by 1`.execute(
      s.db,
    );
    const rollup = await raw<{
      k: string;
    }>`select concat_ws('|', ${raw.raw(keys)}, amount_fen, entries) as k from ledger_rollup order by 1`.execute(s.db);
    expect(rollup.rows.length).toBeGreaterThan(100);
    expect(rollup.rows).toEqual(grouped.rows);

    // The totals without the city (migration 0020), which every read but by=city scans.
    const totalKeys =
      "oem_id, plant_id, period_year, period_quarter, category_code, supplier_in_jilin, inside_circle, province_unknown, circle_unknown";
    const groupedTotals = await raw<{
      k: string;
    }>`select concat_ws('|', ${raw.raw(totalKeys)}, sum(amount_fen), count(*)) as k from ledger_entries group by ${raw.raw(totalKeys)} order by 1`.execute(
      s.db,
    );
    const totals = await raw<{
      k: string;
    }>`select concat_ws('|', ${raw.raw(totalKeys)}, amount_fen, entries) as k from ledger_totals order by 1`.execute(
      s.db,
    );
    expect(totals.rows.length).toBeGreaterThan(50);
    expect(totals.rows.length).toBeLessThan(rollup.rows.length);
    expect(totals.rows).toEqual(groupedTotals.rows);

    // Per OEM, year, category and city, without plant and quarter (migration 0023).
    const cityKeys =
      "oem_id, period_year, category_code, supplier_city_adcode, supplier_in_jilin, inside_circle, province_unknown, circle_unknown";
    const cityGrouped = await raw<{ k: string }>`
      select concat_ws('|', ${raw.raw(cityKeys)}, sum(amount_fen), count(*)) as k
      from ledger_entries group by ${raw.raw(cityKeys)} order by 1`.execute(s.db);
    const city = await raw<{ k: string }>`
      select concat_ws('|', ${raw.raw(cityKeys)}, amount_fen, entries) as k from ledger_city_totals order by 1`.execute(
      s.db,
    );
    expect(city.rows.length).toBeGreaterThan(10);
    expect(city.rows.length).toBeLessThan(rollup.rows.length);
    expect(city.rows).toEqual(cityGrouped.rows);

    // Per OEM, supplier and year (migration 0022): entries neither reversals nor reversed,
    // and the year's value from a supplier in Jilin, reversals included.
    const pairs = await raw<{ k: string }>`
      select concat_ws('|', oem_id, supplier_id, period_year, counted, jilin_fen, jilin_entries) as k
      from ledger_pair_years order by 1`.execute(s.db);
    const pairsGrouped = await raw<{ k: string }>`
      select concat_ws('|', l.oem_id, l.supplier_id, l.period_year,
        count(*) filter (where l.source <> 'reversal' and not exists (select 1 from ledger_entries r where r.reverses_id = l.id)),
        coalesce(sum(l.amount_fen) filter (where l.supplier_in_jilin), 0),
        count(*) filter (where l.supplier_in_jilin)) as k
      from ledger_entries l where l.supplier_id is not null
      group by l.oem_id, l.supplier_id, l.period_year order by 1`.execute(s.db);
    expect(pairs.rows.length).toBeGreaterThan(0);
    expect(pairs.rows).toEqual(pairsGrouped.rows);
  });

  it("confirming a match moves the OEM's rate by exactly the contract value", async () => {
    const year = 2026;
    const before = (await ledgerSums(s.db, [], { oemId: oem.organization_id, years: [year] }))[0]!;
    const supplier = (await findUserByEmail(s.db, "supplier-admin@demo.peitao.example"))!;
    const b = { userId: oem.id, organizationId: oem.organization_id };
    const demandId = await postTestDemand(s.db, b, {
      part_name: "配套率测试件",
      category: "E02",
      annual_volume: 1000,
      radius_km: 500,
    });
    const deps = { db: s.db, ip: null };
    await inviteMatch(deps, b, { demandId, supplierId: supplier.organization_id });
    await respondToMatch(
      deps,
      { userId: supplier.id, organizationId: supplier.organization_id },
      { demandId, response: { action: "express_interest", quote_fen: 1, quote_note: "" } },
    );
    const amount = 12_345_678_90;
    await confirmMatch(deps, b, {
      demandId,
      supplierId: supplier.organization_id,
      contract: { amount_fen: amount, annual_volume: 1000, year },
    });
    const after = (await ledgerSums(s.db, [], { oemId: oem.organization_id, years: [year] }))[0]!;
    const entry = await s.db
      .selectFrom("ledger_entries as l")
      .innerJoin("matches as m", "m.id", "l.match_id")
      .select(["l.inside_circle", "l.supplier_in_jilin"])
      .where("m.demand_id", "=", demandId)
      .executeTakeFirstOrThrow();
    expect(entry.supplier_in_jilin).toBe(true);
    expect(after.total_fen - before.total_fen).toBe(BigInt(amount));
    expect(after.province_fen - before.province_fen).toBe(BigInt(amount));
    expect(after.circle_fen - before.circle_fen).toBe(entry.inside_circle ? BigInt(amount) : 0n);
    const rateBefore = Number(before.province_fen) / Number(before.total_fen);
    const rateAfter = Number(after.province_fen) / Number(after.total_fen);
    expect(rateAfter).toBeCloseTo((Number(before.province_fen) + amount) / (Number(before.total_fen) + amount), 12);
    expect(rateAfter).toBeGreaterThan(rateBefore);
  });

  it("a reversal nets an entry out, once only, and cannot itself be reversed", async () => {
    const entry = await s.db
      .selectFrom("ledger_entries")
      .selectAll()
      .where("oem_id", "=", oem.organization_id)
      .where("source", "=", "import")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const before = (await ledgerSums(s.db, [], { oemId: oem.organization_id, years: [entry.period_year] }))[0]!;
    const reversal = await reverseEntry(s.db, entry.id, { oemId: oem.organization_id }, oem.id);
    const after = (await ledgerSums(s.db, [], { oemId: oem.organization_id, years: [entry.period_year] }))[0]!;
    expect(before.total_fen - after.total_fen).toBe(BigInt(entry.amount_fen));
    await expect(reverseEntry(s.db, entry.id, { oemId: oem.organization_id }, oem.id)).rejects.toThrow(
      "already_reversed",
    );
    await expect(reverseEntry(s.db, reversal, { oemId: oem.organization_id }, oem.id)).rejects.toThrow(
      "cannot_reverse_reversal",
    );
    const other = await s.db
      .selectFrom("ledger_entries")
      .select("id")
      .where("oem_id", "!=", oem.organization_id)
      .executeTakeFirstOrThrow();
    await expect(reverseEntry(s.db, other.id, { oemId: oem.organization_id }, oem.id)).rejects.toThrow(
      "entry_not_found",
    );
  });
});

describe("OEM procurement import", () => {
  const header = PROCUREMENT_COLUMNS.map((c) => c.zh).join(",");
  const line = (v: Partial<Record<(typeof PROCUREMENT_COLUMNS)[number]["key"], string>>) =>
    PROCUREMENT_COLUMNS.map((c) => v[c.key] ?? "").join(",");
  const csv = [
    header,
    line({
      documentNo: "PO-1",
      year: "2026",
      quarter: "3",
      plant: "OEM05",
      category: "A02",
      amount: "1000000.00",
      supplierName: "上海电池",
      province: "上海市",
    }),
    line({
      documentNo: "PO-2",
      year: "2026",
      quarter: "3",
      plant: "OEM05",
      category: "D01",
      amount: "500000",
      supplierName: "长春底盘",
      county: "220106",
    }),
    line({
      documentNo: "PO-3",
      year: "2026",
      plant: "OEM01",
      category: "D01",
      amount: "1",
      supplierName: "别家工厂",
      province: "吉林省",
    }), // row 4: not this OEM's plant
    line({
      documentNo: "PO-4",
      year: "2026",
      plant: "OEM05",
      category: "D01",
      amount: "-5",
      supplierName: "负数",
      province: "吉林省",
    }), // row 5: bad amount
    line({ documentNo: "PO-5", year: "2026", plant: "OEM05", category: "D01", amount: "100", supplierName: "无省份" }), // row 6: no province
  ].join("\r\n");

  it("reports exactly the bad rows, freezes locality, and changes nothing when imported again", async () => {
    const { records } = csvToRecords(new TextEncoder().encode(csv), PROCUREMENT_COLUMNS);
    const first = await importProcurement(s.db, oem.organization_id, records, oem.id);
    expect(first).toMatchObject({ inserted: 2, unchanged: 0, rejected: 3 });
    expect(first.report.map((r) => r.row)).toEqual([4, 5, 6]);
    expect(first.report.map((r) => r.reasons)).toEqual([
      [{ code: "not_your_plant", value: "OEM01" }],
      [{ code: "amount", value: "-5" }],
      [{ code: "place_needed" }],
    ]);
    const po2 = await s.db
      .selectFrom("ledger_entries")
      .selectAll()
      .where("document_no", "=", "PO-2")
      .executeTakeFirstOrThrow();
    expect(po2).toMatchObject({
      supplier_in_jilin: true,
      supplier_province: "吉林省",
      inside_circle: true,
      amount_fen: 50_000_000,
    });
    const po1 = await s.db
      .selectFrom("ledger_entries")
      .selectAll()
      .where("document_no", "=", "PO-1")
      .executeTakeFirstOrThrow();
    expect(po1).toMatchObject({ supplier_in_jilin: false, inside_circle: false, period_quarter: 3 });
    const count = async () =>
      Number(
        (
          await s.db
            .selectFrom("ledger_entries")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const n = await count();
    const second = await importProcurement(s.db, oem.organization_id, records, oem.id);
    expect(second).toMatchObject({ inserted: 0, unchanged: 2, rejected: 3 });
    expect(await count()).toBe(n);
  });

  it("imports a large file in chunks: duplicates unchanged, registered suppliers located, a row the database refuses reported alone", async () => {
    const { sql: raw } = await import("kysely");
    // A constraint only this test database has, so that one row fails inside its chunk.
    await raw`alter table ledger_entries add constraint test_refuse_row check (outside_supplier_name is distinct from '数据库拒绝')`.execute(
      s.db,
    );
    const supplier = await s.db
      .selectFrom("organizations")
      .select(["id", "uscc"])
      .where("kind", "=", "supplier")
      .where("uscc", "is not", null)
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const records = Array.from({ length: 1234 }, (_, i) => ({
      row: i + 2,
      record: {
        documentNo: i === 11 ? "BULK-10" : `BULK-${i}`, // row 13 repeats row 12's document number, in the same chunk
        year: "2025",
        quarter: String(1 + (i % 4)),
        plant: "OEM05",
        category: "A02",
        amount: `${100 + i}.00`,
        supplierName: i === 700 ? "数据库拒绝" : `批量供应商${i}`,
        // Jilin by county, Liaoning (which reaches within 100 km of Changchun) by coordinates.
        ...(i % 3 === 0
          ? { province: "吉林省", county: "220106" }
          : { province: "辽宁省", lat: "41.8", lng: "123.43" }),
        ...(i === 5 ? { supplierUscc: supplier.uscc! } : {}),
      },
    }));
    const first = await importProcurement(s.db, oem.organization_id, records, oem.id);
    expect(first).toMatchObject({ inserted: 1232, unchanged: 0, rejected: 2 });
    expect(first.report.map((r) => r.row)).toEqual([13, 702]);
    // The repeated number with another amount is not silently dropped: it names the row it repeats.
    expect(first.report[0]!.reasons).toEqual([
      { code: "document_repeated", value: "BULK-10", row: "12", fields: ["quarter", "amount", "supplierName"] },
    ]);
    // The report names the database's refusal in words of its own, never PostgreSQL's text.
    expect(first.report[1]!.reasons).toEqual([{ code: "refused", problem: "constraint" }]);
    const rows = await s.db
      .selectFrom("ledger_entries")
      .select(["document_no", "amount_fen", "supplier_id", "supplier_in_jilin"])
      .where("document_no", "like", "BULK-%")
      .execute();
    expect(rows).toHaveLength(1232);
    const expectedFen = records
      .filter((r, i) => i !== 11 && i !== 700)
      .reduce((sum, r) => sum + Math.round(Number(r.record.amount) * 100), 0);
    expect(rows.reduce((sum, r) => sum + r.amount_fen, 0)).toBe(expectedFen);
    const registered = rows.find((r) => r.document_no === "BULK-5")!;
    expect(registered.supplier_id).toBe(supplier.id);
    expect(registered.supplier_in_jilin).toBe(true); // from its site, not from the row's province
    const again = await importProcurement(s.db, oem.organization_id, records, oem.id);
    expect(again).toMatchObject({ inserted: 0, unchanged: 1232, rejected: 2 });
    await raw`alter table ledger_entries drop constraint test_refuse_row`.execute(s.db);
  });

  it("works over the API with a token, GBK or not, and the rates endpoint reflects it", async () => {
    const token = (await createApiToken(s.db, oem.organization_id, "SRM", oem.id)).token;
    const more = `${header}\r\n${line({ documentNo: "PO-9", year: "2026", quarter: "4", plant: "OEM05", category: "A01", amount: "250000", supplierName: "吉林电芯", county: "220202" })}\r\n`;
    const res = await fetch(`${app.url}/api/v1/ledger/imports`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "text/csv" },
      body: more,
    });
    expect(await res.json()).toMatchObject({ inserted: 1, rejected: 0 });
    const rates = (await (
      await fetch(`${app.url}/api/v1/ledger/rates?year=2026&basis=province`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as {
      years: { year: number; total_fen: string; local_fen: string; rate: number }[];
      quarters: { quarter: number }[];
    };
    const y = rates.years.find((r) => r.year === 2026)!;
    const sql = (await ledgerSums(s.db, [], { oemId: oem.organization_id, years: [2026] }))[0]!;
    // Sums are exact decimal strings in JSON (they can pass 2^53).
    expect(BigInt(y.total_fen)).toBe(sql.total_fen);
    expect(BigInt(y.local_fen)).toBe(sql.province_fen);
    expect(y.rate).toBeCloseTo(Number(sql.province_fen) / Number(sql.total_fen), 12);
    expect(rates.quarters.map((q) => q.quarter)).toContain(4);
    expect(
      (await fetch(`${app.url}/api/v1/ledger/rates?basis=nope`, { headers: { authorization: `Bearer ${token}` } }))
        .status,
    ).toBe(400);
  });
});

describe("ledger use cases: one transaction with the audit row", () => {
  const record = (documentNo: string, more: ProcurementRecord = {}): ProcurementRecord => ({
    documentNo,
    year: "2026",
    quarter: "1",
    plant: "OEM05",
    category: "A02",
    amount: "1000.00",
    supplierName: "审计测试供应商",
    province: "上海市",
    ...more,
  });

  it("importProcurement writes its entries and its ledger_imported row together, naming the rows it wrote", async () => {
    const records = [
      record("AUDIT-1"),
      record("AUDIT-2"),
      { ...record("AUDIT-BAD"), amount: "-1" },
      record("AUDIT-3"),
    ].map((r, i) => ({ row: i + 2, record: r }));
    await expectAuditInTransaction(
      s.db,
      () => importProcurementUseCase(deps(), { userId: oem.id, organizationId: oem.organization_id }, { records }),
      entryCount,
    );
    expect(
      await s.db.selectFrom("ledger_entries").select("id").where("document_no", "like", "AUDIT-%").execute(),
    ).toHaveLength(0);

    const result = await importProcurementUseCase(
      deps(),
      { userId: oem.id, organizationId: oem.organization_id },
      { records },
    );
    expect(result).toMatchObject({ inserted: 3, unchanged: 0, rejected: 1 });
    const [row] = await auditRows(s.db, "ledger_imported");
    expect(row).toMatchObject({ actor_user_id: oem.id, organization_id: oem.organization_id });
    expect(row!.detail).toMatchObject({ rows: [2, 3, 5], inserted: 3, unchanged: 0 });

    // Importing again writes nothing, so no audit row either.
    const before = (await auditRows(s.db, "ledger_imported")).length;
    expect(
      await importProcurementUseCase(deps(), { userId: oem.id, organizationId: oem.organization_id }, { records }),
    ).toMatchObject({ inserted: 0, unchanged: 3 });
    expect((await auditRows(s.db, "ledger_imported")).length).toBe(before);
  });

  it("an audit failure ends a large import instead of being reported as a bad row", async () => {
    const records = Array.from({ length: 620 }, (_, i) => ({ row: i + 2, record: record(`AUDIT-BULK-${i}`) }));
    await expectAuditInTransaction(
      s.db,
      () => importProcurementUseCase(deps(), { userId: null, organizationId: oem.organization_id }, { records }),
      entryCount,
    );
    const result = await importProcurementUseCase(
      deps(),
      { userId: null, organizationId: oem.organization_id },
      { records },
    );
    expect(result).toMatchObject({ inserted: 620, rejected: 0 });
    const [second, first] = await auditRows(s.db, "ledger_imported");
    expect((first!.detail as { rows: number[] }).rows).toEqual(records.slice(0, 500).map((r) => r.row));
    expect((second!.detail as { rows: number[] }).rows).toEqual(records.slice(500).map((r) => r.row));
  });

  it("reverseLedgerEntry writes the reversal and its ledger_reversed row together", async () => {
    const entry = await s.db
      .selectFrom("ledger_entries as l")
      .leftJoin("ledger_entries as r", "r.reverses_id", "l.id")
      .select(["l.id", "l.amount_fen"])
      .where("l.oem_id", "=", oem.organization_id)
      .where("l.source", "=", "import")
      .where("r.id", "is", null)
      .orderBy("l.id", "desc")
      .executeTakeFirstOrThrow();
    const actor = { userId: oem.id, organizationId: oem.organization_id, role: "oem_admin" as const };
    await expectAuditInTransaction(s.db, () => reverseLedgerEntry(deps(), actor, { entryId: entry.id }), entryCount);
    const { reversalId } = await reverseLedgerEntry(deps(), actor, { entryId: entry.id });
    const reversal = await s.db
      .selectFrom("ledger_entries")
      .selectAll()
      .where("id", "=", reversalId)
      .executeTakeFirstOrThrow();
    expect(reversal).toMatchObject({
      source: "reversal",
      reverses_id: entry.id,
      amount_fen: -entry.amount_fen,
      posted_by: oem.id,
    });
    const [row] = await auditRows(s.db, "ledger_reversed");
    expect(row).toMatchObject({
      actor_user_id: oem.id,
      organization_id: oem.organization_id,
      subject_type: "ledger_entry",
      subject_id: String(reversalId),
    });
    expect(row!.detail).toMatchObject({ reverses: entry.id });
  });

  it("a supplier in Yanbian (an autonomous prefecture) is in the city 延边州 (222400), not dropped", async () => {
    const records = [
      { row: 2, record: record("YANBIAN-1", { province: "", county: "222401", supplierName: "延吉某供应商" }) },
      { row: 3, record: record("CHANGCHUN-1", { province: "", county: "220106", supplierName: "长春某供应商" }) },
    ];
    expect(await importProcurement(s.db, oem.organization_id, records, oem.id)).toMatchObject({
      inserted: 2,
      rejected: 0,
    });
    const yanji = await s.db
      .selectFrom("ledger_entries")
      .selectAll()
      .where("document_no", "=", "YANBIAN-1")
      .executeTakeFirstOrThrow();
    expect(yanji).toMatchObject({ supplier_city_adcode: 222400, supplier_in_jilin: true, supplier_province: "吉林省" });
    expect(yanji.distance_km).toBeGreaterThan(0);
    const changchun = await s.db
      .selectFrom("ledger_entries")
      .selectAll()
      .where("document_no", "=", "CHANGCHUN-1")
      .executeTakeFirstOrThrow();
    expect(changchun.supplier_city_adcode).toBe(220100);
    const { dashboardData } = await import("../../app/features/dashboard/rates-overview.server");
    const data = await dashboardData(s.db, { year: 2026, basis: "province", oemId: oem.organization_id });
    expect(data.cityRows.find((c) => c.adcode === 222400)).toMatchObject({ nameZh: "延边朝鲜族自治州" });
  });
});

describe("ledger page and API", () => {
  /** The OEM's oldest imported entry that nothing has reversed yet. */
  const unreversedImportEntry = () =>
    s.db
      .selectFrom("ledger_entries as l")
      .leftJoin("ledger_entries as r", "r.reverses_id", "l.id")
      .select("l.id")
      .where("l.oem_id", "=", oem.organization_id)
      .where("l.source", "=", "import")
      .where("r.id", "is", null)
      .orderBy("l.id")
      .executeTakeFirstOrThrow();
  const signIn = async () => {
    const c = new HttpClient(app.url);
    expect((await c.post("/login", { email: "oem-admin@demo.peitao.example", password: DEMO_PASSWORD })).status).toBe(
      302,
    );
    return c;
  };
  const text = async (res: Response) => (await res.text()).replace(/<!-- -->/g, "");

  it("the page names entry sources and errors from the catalogue, never by their code", async () => {
    const c = await signIn();
    const page = await c.get("/ledger");
    expect(page.status).toBe(200);
    const html = await text(page);
    expect(html).toContain("<title>采购台账导入 · 配套 Peitao</title>");
    expect(html).toMatch(/#\d+ 导入</);
    expect(html).toMatch(/#\d+ 冲销</);
    expect(html).not.toMatch(/#\d+ (import|reversal|match)</);

    const bad = await c.post("/ledger", { entryId: "abc" });
    expect(bad.status).toBe(400);
    const badHtml = await text(bad);
    expect(badHtml).toContain("台账记录不存在。");
    expect(badHtml).not.toContain(">entryId<");

    const reversal = await s.db
      .selectFrom("ledger_entries")
      .select("id")
      .where("oem_id", "=", oem.organization_id)
      .where("source", "=", "reversal")
      .executeTakeFirstOrThrow();
    const refused = await c.post("/ledger", { entryId: String(reversal.id) });
    expect(refused.status).toBe(400);
    expect(await text(refused)).toContain("冲销记录不能再冲销。");

    const entry = await unreversedImportEntry();
    expect((await c.post("/ledger", { entryId: String(entry.id) })).status).toBe(200);
    const [row] = await auditRows(s.db, "ledger_reversed");
    expect(row).toMatchObject({ actor_user_id: oem.id, detail: { reverses: entry.id } });
  });

  it("the API reverses with the same use case (201, audited) and answers the rates' refusals", async () => {
    const token = (await createApiToken(s.db, oem.organization_id, "SRM-2", oem.id)).token;
    const headers = { authorization: `Bearer ${token}` };
    const entry = await unreversedImportEntry();
    const res = await fetch(`${app.url}/api/v1/ledger/entries/${entry.id}/reverse`, { method: "POST", headers });
    expect(res.status).toBe(201);
    const { reversal_id } = (await res.json()) as { reversal_id: number };
    const [row] = await auditRows(s.db, "ledger_reversed");
    expect(row).toMatchObject({
      subject_id: String(reversal_id),
      actor_user_id: null,
      organization_id: oem.organization_id,
    });
    const again = await fetch(`${app.url}/api/v1/ledger/entries/${entry.id}/reverse`, { method: "POST", headers });
    expect(again.status).toBe(400);
    expect((await fetch(`${app.url}/api/v1/ledger/entries/0/reverse`, { method: "POST", headers })).status).toBe(404);
    expect(
      (await fetch(`${app.url}/api/v1/ledger/entries/999999999/reverse`, { method: "POST", headers })).status,
    ).toBe(404);

    // Refused rows: each reason as text from the catalogue, Chinese then English, as API clients always had it.
    const csvBody = `${PROCUREMENT_COLUMNS.map((c) => c.zh).join(",")}\r\n${PROCUREMENT_COLUMNS.map((c) => (({ documentNo: "API-BAD", year: "1999", plant: "OEM05", category: "A02", amount: "1", supplierName: "x", province: "吉林省" }) as Record<string, string>)[c.key] ?? "").join(",")}\r\n`;
    const imported = await fetch(`${app.url}/api/v1/ledger/imports`, {
      method: "POST",
      headers: { ...headers, "content-type": "text/csv" },
      body: csvBody,
    });
    expect(await imported.json()).toEqual({
      inserted: 0,
      unchanged: 0,
      rejected: 1,
      unknown_locality: 0,
      report: [{ row: 2, reasons: ["年度无效：1999 invalid year: 1999"] }],
    });

    const unknownPlant = await fetch(`${app.url}/api/v1/ledger/rates?plant=OEM01`, { headers });
    expect(unknownPlant.status).toBe(400);
    expect(await unknownPlant.json()).toMatchObject({ error: "invalid_request", fields: { plant: "unknown_plant" } });
    const own = await fetch(`${app.url}/api/v1/ledger/rates?plant=OEM05&year=2026&quarter=1`, { headers });
    const body = (await own.json()) as { quarters: { quarter: number }[]; policy: { year: number } };
    expect(body.policy.year).toBe(2026);
    expect(body.quarters.map((q) => q.quarter)).toEqual([1]);
  });
});
