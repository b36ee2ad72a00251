import type { Kysely } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { down, up } from "../../migrations/0012_verification_queue";
import { testServices, type TestServices } from "../helpers/services";

// Migration 0012 marks the suppliers that signed up before it from their sign_up audit rows
// (written in the sign-up's own transaction); imported and seeded suppliers stay unmarked.

let s: TestServices;

beforeAll(async () => {
  s = await testServices({ reconcile: false });
});

describe("migration 0012 (verification queue)", () => {
  it("marks earlier sign-ups as signed up, and only them; down removes what up added", async () => {
    const raw = s.db as unknown as Kysely<unknown>;
    await down(raw);
    const insertOrg = async (name: string) =>
      (
        await s.db
          .insertInto("organizations")
          .values({ kind: "supplier", name_zh: name, name_en: null, uscc: null })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    const signedUp = await insertOrg("迁移测试注册企业");
    const imported = await insertOrg("迁移测试导入企业");
    await s.db
      .insertInto("audit_log")
      .values([
        { action: "sign_up", organization_id: signedUp, detail: "{}" },
        { action: "profile_saved", organization_id: imported, detail: "{}" },
      ])
      .execute();

    await up(raw);
    const rows = await s.db
      .selectFrom("organizations")
      .select(["id", "signed_up"])
      .where("id", "in", [signedUp, imported])
      .execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.signed_up]))).toEqual({
      [signedUp]: true,
      [imported]: false,
    });
    expect(
      await s.db.selectFrom("supplier_verification_decisions").select("id").execute(),
      "the decisions table is back, empty",
    ).toEqual([]);
  });
});
