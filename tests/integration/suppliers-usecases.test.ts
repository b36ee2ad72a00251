import { beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../../app/domain/errors";
import type { Actor } from "../../app/domain/policy";
import { IMPORT_COLUMNS, type ImportRecord } from "../../app/domain/supplier-import";
import { supplierProfileSchema } from "../../app/domain/supplier-profile";
import type { Deps } from "../../app/features/deps.server";
import { runSupplierImport, startSupplierImport } from "../../app/features/suppliers/import.server";
import { importReasonText, certificationLabel } from "../../app/features/suppliers/labels";
import { saveSupplierProfile } from "../../app/features/suppliers/profile.server";
import { decideVerification } from "../../app/features/suppliers/verification.server";
import { translate, type Lang, type MessageKey } from "../../app/lib/i18n";
import { getSupplierProfile } from "../../db/supplier-profiles.server";
import { seedDemoIfEmpty } from "../../app/features/demo/seed-demo.server";
import { auditRows, expectAuditInTransaction } from "../helpers/audit";
import { actorOf } from "../helpers/actors";
import { testServices, type TestServices } from "../helpers/services";

let s: TestServices;
let deps: Deps;
let supplierId: string;
let supplierAdmin: Actor;
let official: Actor;

beforeAll(async () => {
  s = await testServices();
  await seedDemoIfEmpty(s.db);
  deps = { db: s.db, search: s.search, ip: "192.0.2.7" };
  supplierAdmin = await actorOf(s.db, "supplier-admin@demo.peitao.example");
  official = await actorOf(s.db, "official@demo.peitao.example");
  supplierId = supplierAdmin.organizationId;
});

const count = async (table: "organizations" | "supplier_imports" | "search_outbox" | "audit_log") =>
  Number(
    (
      await s.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

const outboxOf = async (id: string) =>
  Number(
    (
      await s.db
        .selectFrom("search_outbox")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("entity_id", "=", id)
        .executeTakeFirstOrThrow()
    ).n,
  );

async function currentInput(changes: Record<string, unknown> = {}) {
  const current = (await getSupplierProfile(s.db, supplierId))!;
  return { ...supplierProfileSchema.parse({ ...current, ...changes }), confirmDuplicate: true };
}

describe("saveSupplierProfile", () => {
  it("holds its audit row in its transaction: with the audit refused, the profile and outbox are unchanged", async () => {
    const input = await currentInput({ productsEn: "Refused stampings" });
    await expectAuditInTransaction(
      s.db,
      () => saveSupplierProfile(deps, supplierAdmin, input),
      async () =>
        ((await getSupplierProfile(s.db, supplierId))!.productsEn === "Refused stampings" ? 1 : 0) +
        (await outboxOf(supplierId)),
    );
  });

  it("saves the profile with its outbox row and a profile_saved audit row", async () => {
    const before = await outboxOf(supplierId);
    expect(
      await saveSupplierProfile(deps, supplierAdmin, await currentInput({ productsEn: "Body stampings" })),
    ).toEqual({ saved: true });
    expect((await getSupplierProfile(s.db, supplierId))!.productsEn).toBe("Body stampings");
    expect(await outboxOf(supplierId)).toBe(before + 1);
    const [row] = await auditRows(s.db, "profile_saved");
    expect(row).toMatchObject({
      actor_user_id: supplierAdmin.userId,
      organization_id: supplierId,
      subject_type: "supplier",
      subject_id: supplierId,
      ip: "192.0.2.7",
    });
  });

  it("returns the near-duplicates instead of saving unless confirmed, writing nothing", async () => {
    const other = await s.db
      .selectFrom("organizations as o")
      .innerJoin("supplier_sites as st", "st.supplier_id", "o.id")
      .select(["o.name_zh", "st.adcode", "st.lat", "st.lng"])
      .where("o.id", "!=", supplierId)
      .where("o.kind", "=", "supplier")
      .limit(1)
      .executeTakeFirstOrThrow();
    const input = await currentInput({
      nameZh: other.name_zh.replace(/（示例）$/, ""),
      sites: [{ adcode: other.adcode, lat: other.lat, lng: other.lng }],
    });
    const audits = (await auditRows(s.db, "profile_saved")).length;
    const result = await saveSupplierProfile(deps, supplierAdmin, { ...input, confirmDuplicate: false });
    expect(result.saved).toBe(false);
    expect(!result.saved && result.duplicates.map((d) => d.nameZh)).toContain(other.name_zh);
    expect((await auditRows(s.db, "profile_saved")).length).toBe(audits);
  });

  it("refuses an unknown category with a DomainError and writes nothing", async () => {
    const input = await currentInput();
    const audits = await count("audit_log");
    await expect(saveSupplierProfile(deps, supplierAdmin, { ...input, categories: ["Z99"] })).rejects.toMatchObject({
      code: "unknown_category",
      field: "categories",
    });
    expect(await count("audit_log")).toBe(audits);
  });
});

describe("decideVerification", () => {
  const rejectedOf = async (id: string) =>
    (
      await s.db
        .selectFrom("organizations")
        .select("verification_status")
        .where("id", "=", id)
        .executeTakeFirstOrThrow()
    ).verification_status === "rejected"
      ? 1
      : 0;

  it("writes its verification_decided audit row in the same transaction as the decision", async () => {
    // With the audit refused, the decision and its outbox row are rolled back with it.
    await expectAuditInTransaction(
      s.db,
      () => decideVerification(deps, official, { supplierId, decision: "rejected", reason: "营业执照与名称不符" }),
      async () => (await rejectedOf(supplierId)) + (await outboxOf(supplierId)),
    );
    expect(await auditRows(s.db, "verification_decided")).toHaveLength(0);

    // Without the trigger, the decision and its audit row are both there.
    await decideVerification(deps, official, { supplierId, decision: "rejected", reason: "营业执照与名称不符" });
    expect(await rejectedOf(supplierId)).toBe(1);
    const rows = await auditRows(s.db, "verification_decided");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_user_id: official.userId,
      subject_type: "supplier",
      subject_id: supplierId,
      organization_id: supplierId,
      ip: "192.0.2.7",
    });
    expect(rows[0]!.detail).toMatchObject({ decision: "rejected", reason: "营业执照与名称不符" });
  });

  it("refuses an id that is not a supplier, writing nothing", async () => {
    const audits = await count("audit_log");
    const err = await decideVerification(deps, official, {
      supplierId: official.organizationId,
      decision: "verified",
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe("supplier_not_found");
    expect(await count("audit_log")).toBe(audits);
  });
});

describe("supplier import", () => {
  const rec = (cells: ImportRecord) => cells;
  const records = [
    {
      row: 2,
      record: rec({
        uscc: "91220101MA0Y3F2K13",
        nameZh: "用例导入甲汽车部件有限公司",
        county: "220106",
        categories: "E01",
      }),
    },
    { row: 3, record: rec({ nameZh: "用例未知区县公司", county: "999999", categories: "E01" }) },
    { row: 4, record: rec({ nameZh: "用例导入乙模具有限公司", county: "220202", categories: "J03" }) },
    {
      row: 5,
      record: rec({ nameZh: "用例邮箱公司", county: "220106", categories: "E01", contactEmail: "not-an-email" }),
    },
  ];

  it("creates its job with a suppliers_imported audit row in the same transaction", async () => {
    await expectAuditInTransaction(
      s.db,
      () => startSupplierImport(deps, official, { fileName: "refused.csv", records }),
      () => count("supplier_imports"),
    );
    const { jobId } = await startSupplierImport(deps, official, { fileName: "started.csv", records });
    const [row] = await auditRows(s.db, "suppliers_imported");
    expect(row).toMatchObject({ subject_type: "supplier_import", subject_id: jobId, actor_user_id: official.userId });
  });

  it("writes each chunk's suppliers with the chunk's audit row: with the audit refused, no supplier is written and the job fails", async () => {
    const { jobId } = await startSupplierImport(deps, official, { fileName: "rows.csv", records });
    await expectAuditInTransaction(
      s.db,
      () => runSupplierImport(deps, official, { jobId, records }, { chunkSize: 2 }),
      async () => (await count("organizations")) + (await count("search_outbox")),
    );
    const job = await s.db.selectFrom("supplier_imports").selectAll().where("id", "=", jobId).executeTakeFirstOrThrow();
    expect(job.status).toBe("failed");
    expect(job.inserted).toBe(0);
  });

  it("imports valid rows, one audit row per chunk that wrote, and reports reasons as codes", async () => {
    const orgs = await count("organizations");
    const { jobId } = await startSupplierImport(deps, official, { fileName: "ok.csv", records });
    const audits = (await auditRows(s.db, "suppliers_imported")).length;
    const result = await runSupplierImport(deps, official, { jobId, records }, { chunkSize: 2 });
    expect(result).toMatchObject({ inserted: 2, updated: 0, unchanged: 0, rejected: 2 });
    expect(await count("organizations")).toBe(orgs + 2);
    // Chunks [2,3] and [4,5] each wrote one supplier.
    const rows = await auditRows(s.db, "suppliers_imported");
    expect(rows.length - audits).toBe(2);
    expect(rows[0]!.detail).toMatchObject({ phase: "rows", inserted: 1 });
    const refused = result.report.filter((r) => !r.warning);
    expect(refused.map((r) => r.row)).toEqual([3, 5]);
    expect(refused[0]!.reasons[0]).toEqual({ code: "unknown_county", vars: { value: "999999" } });
    expect(refused[1]!.reasons).toEqual([
      { code: "invalid_field", vars: { column: "contactEmail", message: "form.email" } },
    ]);
    const job = await s.db.selectFrom("supplier_imports").selectAll().where("id", "=", jobId).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: "done", processed_rows: 4, inserted: 2, rejected: 2 });

    // Importing the same rows again changes nothing and writes no chunk audit row.
    const again = await runSupplierImport(deps, official, {
      jobId: (await startSupplierImport(deps, official, { fileName: "ok.csv", records })).jobId,
      records,
    });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, rejected: 2 });
    expect(
      (await auditRows(s.db, "suppliers_imported")).filter((r) => (r.detail as { phase?: string }).phase === "rows")
        .length,
    ).toBe(2);
  });

  it("refuses a USCC of a non-supplier organization as a reason, keeping the other rows of its chunk", async () => {
    const oem = await s.db
      .selectFrom("organizations")
      .select(["id"])
      .where("kind", "=", "oem")
      .limit(1)
      .executeTakeFirstOrThrow();
    const uscc = "91220101MA0Y3F2K13";
    // The supplier imported above holds this USCC; give a second one to an OEM.
    const oemUscc = "914403001922038216";
    await s.db.updateTable("organizations").set({ uscc: oemUscc }).where("id", "=", oem.id).execute();
    const rows = [
      { row: 2, record: rec({ uscc: oemUscc, nameZh: "冒用代码公司", county: "220106", categories: "E01" }) },
      {
        row: 3,
        record: rec({
          uscc,
          nameZh: "用例导入甲汽车部件有限公司",
          county: "220106",
          categories: "E01",
          employees: "88",
        }),
      },
    ];
    const { jobId } = await startSupplierImport(deps, official, { fileName: "oem.csv", records: rows });
    const result = await runSupplierImport(deps, official, { jobId, records: rows });
    expect(result).toMatchObject({ inserted: 0, updated: 1, rejected: 1 });
    expect(result.report).toEqual([{ row: 2, reasons: [{ code: "refused", vars: { error: "uscc_not_supplier" } }] }]);
  });
});

describe("import reasons and certifications in the page's language", () => {
  const say = (lang: Lang) => (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars);

  it("says every reason code in both languages, without codes", () => {
    const reasons = [
      { code: "invalid_uscc", vars: { problem: "check_digit" } },
      { code: "unknown_county", vars: { value: "" } },
      { code: "unknown_categories", vars: { codes: "Q77" } },
      { code: "unknown_certification", vars: { value: "ISO1" } },
      { code: "unknown_datum", vars: { value: "BD09" } },
      { code: "invalid_field", vars: { column: "lat", message: "form.outsideChina" } },
      { code: "similar_names", vars: { names: "甲公司" } },
      { code: "refused", vars: { error: "uscc_not_supplier" } },
      { code: "failed", vars: { detail: "boom" } },
    ] as const;
    for (const lang of ["zh", "en"] as const) {
      for (const r of reasons) {
        const text = importReasonText(say(lang), lang, r);
        expect(text, `${lang} ${r.code}`).not.toMatch(/imports\.|form\.|\{|_/);
      }
    }
    expect(importReasonText(say("en"), "en", reasons[5])).toBe(
      "lat: These coordinates are outside China; are latitude and longitude swapped?",
    );
    expect(importReasonText(say("zh"), "zh", reasons[5])).toMatch(/^纬度：坐标不在中国境内/);
    expect(importReasonText(say("en"), "en", reasons[1])).toBe("Unknown county: (empty)");
  });

  it("names certification kinds from the catalogue, 'other' in each language", () => {
    expect(certificationLabel(say("zh"), "other")).toBe("其他");
    expect(certificationLabel(say("en"), "other")).toBe("Other");
    expect(certificationLabel(say("en"), "other", "GB/T 19001")).toBe("GB/T 19001");
    expect(certificationLabel(say("en"), "VDA6.3")).toBe("VDA 6.3");
    expect(
      IMPORT_COLUMNS.filter((c) => c.help).every((c) => translate("en", `imports.help.${c.key}` as MessageKey)),
    ).toBe(true);
  });
});
