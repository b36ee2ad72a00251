import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";
import { parseCsv } from "../../app/lib/import/csv";
import { demoApp, type DemoApp } from "../helpers/demo";
import { postTestDemand } from "../helpers/demands";
import { HttpClient } from "../helpers/http";

let s: DemoApp;
beforeAll(async () => {
  s = await demoApp();
});

describe("dashboard CSV export", () => {
  it("writes a demand titled as a spreadsheet formula as text, not as a formula", async () => {
    const buyer = await s.db
      .selectFrom("users")
      .select(["id", "organization_id"])
      .where("email", "=", "buyer@demo.peitao.example")
      .executeTakeFirstOrThrow();
    // A NEV key part: the demo's circles hold too few verified suppliers, so it is a gap.
    await postTestDemand(
      s.db,
      { userId: buyer.id, organizationId: buyer.organization_id },
      {
        part_name: '=HYPERLINK("http://x","a")',
        category: "A01",
      },
    );
    const c = new HttpClient(s.url);
    expect((await c.post("/login", { email: "official@demo.peitao.example", password: DEMO_PASSWORD })).status).toBe(
      302,
    );
    const res = await c.get("/dashboard/export.csv?table=gaps");
    expect(res.status).toBe(200);
    const rows = parseCsv((await res.text()).replace(/^\uFEFF/, ""));
    const cells = rows.flat();
    expect(cells).toContain(`'=HYPERLINK("http://x","a")`);
    expect(cells.some((cell) => /^[=+@]/.test(cell))).toBe(false);
  });
});
