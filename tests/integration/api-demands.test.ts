import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../db/api-tokens.server";
import { findUserByEmail } from "../../db/users.server";
import { auditRows } from "../helpers/audit";
import { demoApp, type DemoApp } from "../helpers/demo";

let s: DemoApp;
let oemToken: string;
let supplierToken: string;

beforeAll(async () => {
  s = await demoApp();
  const buyer = (await findUserByEmail(s.db, "oem-admin@demo.peitao.example"))!;
  oemToken = (await createApiToken(s.db, buyer.organization_id, "SRM", buyer.id)).token;
});

const call = (token: string, method: string, path: string, body?: unknown) =>
  fetch(s.url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe("matchmaking over the JSON API", () => {
  it("posts a demand, ranks suppliers, invites, answers and confirms exactly once", async () => {
    const bad = await call(oemToken, "POST", "/api/v1/demands", {
      plant: "OEM05",
      part_name: "",
      category: "E01",
      radius_km: 900,
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: "invalid_request",
      fields: { part_name: expect.any(String), radius_km: expect.any(String) },
    });
    expect(
      (await call(oemToken, "POST", "/api/v1/demands", { plant: "OEM01", part_name: "x", category: "E01" })).status,
    ).toBe(400); // not this OEM's plant
    expect(
      (
        await fetch(`${s.url}/api/v1/demands`, {
          method: "POST",
          headers: { authorization: `Bearer ${oemToken}` },
          body: "{not json",
        })
      ).status,
    ).toBe(400);

    const created = await call(oemToken, "POST", "/api/v1/demands", {
      plant: "OEM05",
      part_name: "电池托盘",
      category: "A04",
      radius_km: 100,
      annual_volume: 120000,
    });
    expect(created.status).toBe(201);
    const demand = (await created.json()) as { id: string; radius_km: number };
    expect(demand.radius_km).toBe(100);

    const ranked = (await (await call(oemToken, "GET", `/api/v1/demands/${demand.id}/matches`)).json()) as {
      inside: { supplier_id: string; distance_km: number; inside_circle: boolean; reasons: string[] }[];
      outside: { distance_km: number; inside_circle: boolean }[];
    };
    expect(ranked.inside.length + ranked.outside.length).toBeGreaterThan(0);
    for (const h of ranked.inside) expect(h).toMatchObject({ inside_circle: true });
    for (const h of ranked.outside) expect(h.inside_circle).toBe(false);
    expect(ranked.inside.map((h) => h.distance_km)).toEqual(
      [...ranked.inside.map((h) => h.distance_km)].sort((a, b) => a - b),
    );
    const pick = ranked.inside[0] ?? (ranked.outside[0] as unknown as { supplier_id: string });
    expect(ranked.inside[0]?.reasons.join(" ")).toMatch(/category A04|same group/);

    const invited = await call(oemToken, "POST", `/api/v1/demands/${demand.id}/matches`, {
      supplier_id: pick.supplier_id,
      action: "invite",
    });
    expect(invited.status).toBe(201);
    const { match_id } = (await invited.json()) as { match_id: string };

    // The supplier answers with its own token.
    const supplierUser = await s.db
      .selectFrom("users")
      .select(["id", "organization_id"])
      .where("organization_id", "=", pick.supplier_id)
      .executeTakeFirst();
    supplierToken = (await createApiToken(s.db, pick.supplier_id, "ERP", supplierUser?.id ?? null)).token;
    expect((await call(oemToken, "POST", `/api/v1/matches/${match_id}/respond`, { action: "decline" })).status).toBe(
      403,
    );
    const early = await call(oemToken, "POST", `/api/v1/matches/${match_id}/confirm`, { amount_fen: 100, year: 2026 });
    expect(early.status).toBe(400);
    expect(((await early.json()) as { message: string }).message).toContain("transition not allowed");
    const answered = await call(supplierToken, "POST", `/api/v1/matches/${match_id}/respond`, {
      action: "express_interest",
      quote_fen: 35_000_00,
    });
    expect(await answered.json()).toMatchObject({ state: "interested" });
    const opps = (await (await call(supplierToken, "GET", "/api/v1/opportunities")).json()) as {
      opportunities: { demand_id: string; match_state: string }[];
    };
    expect(opps.opportunities.find((o) => o.demand_id === demand.id)?.match_state).toBe("interested");

    const confirms = await Promise.all(
      Array.from({ length: 5 }, () =>
        call(oemToken, "POST", `/api/v1/matches/${match_id}/confirm`, {
          amount_fen: 4_200_000_00,
          annual_volume: 120000,
          year: 2026,
        }),
      ),
    );
    const results = (await Promise.all(confirms.map((r) => r.json()))) as { state: string; ledger_posted: boolean }[];
    expect(results.every((r) => r.state === "confirmed")).toBe(true);
    expect(results.filter((r) => r.ledger_posted)).toHaveLength(1);
    const entries = await s.db.selectFrom("ledger_entries").selectAll().where("match_id", "=", match_id).execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.amount_fen).toBe(420_000_000);
  });

  it("POST /api/v1/demands writes its demand_posted audit row, in the demand's transaction", async () => {
    const created = await call(oemToken, "POST", "/api/v1/demands", {
      plant: "OEM05",
      part_name: "审计接口件",
      category: "A02",
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const oem = (await findUserByEmail(s.db, "oem-admin@demo.peitao.example"))!;
    const rows = (await auditRows(s.db, "demand_posted")).filter((a) => a.subject_id === id);
    expect(rows).toHaveLength(1);
    // A token acts for its organization: no user, the organization and the client's address.
    expect(rows[0]).toMatchObject({
      actor_user_id: null,
      organization_id: oem.organization_id,
      subject_type: "demand",
      detail: { plant: "OEM05", category: "A02" },
    });
    expect(rows[0]!.ip).toBeTruthy();

    // A refused demand writes neither the demand nor an audit row.
    const before = (await auditRows(s.db, "demand_posted")).length;
    expect(
      (await call(oemToken, "POST", "/api/v1/demands", { plant: "OEM01", part_name: "x", category: "E01" })).status,
    ).toBe(400);
    expect((await auditRows(s.db, "demand_posted")).length).toBe(before);
  });

  it("documents every /api/v1 route in the OpenAPI document", async () => {
    const doc = (await (await fetch(`${s.url}/api/v1/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
    const apiRoutes = Object.values(build.routes).filter(
      (r) => r.path?.startsWith("api/v1/") && !r.path.includes("openapi"),
    );
    expect(apiRoutes.length).toBeGreaterThan(8);
    for (const r of apiRoutes) {
      const p = `/${r.path!.replace(/:(\w+)/g, "{$1}")}`;
      expect(doc.paths[p], p).toBeDefined();
      const methods = Object.keys(doc.paths[p]!);
      if (r.module.loader && r.module.loader.name !== "postOnly") expect(methods, p).toContain("get");
      if (r.module.action) expect(methods, p).toContain("post");
    }
  });
});
