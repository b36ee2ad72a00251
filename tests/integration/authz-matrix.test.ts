import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoIfEmpty } from "../../app/features/demo/seed-demo.server";
import { createSession } from "../../db/sessions.server";
import { inviteMatch } from "../../app/features/matching/match-actions.server";
import { postTestDemand } from "../helpers/demands";
import { findUserByEmail } from "../../db/users.server";
import type { Role } from "../../app/domain/vocabulary";
import { serveApp, defaultSettings } from "../helpers/app";
import { testServices, type TestServices } from "../helpers/services";

// Every route of the app against every role and anonymous users. A status per column:
// the number expected, or "login" for a redirect to the sign-in page.
type Who = "anon" | Role;
const WHO: Who[] = ["anon", "supplier_member", "supplier_admin", "oem_buyer", "oem_admin", "official", "admin"];
type Expect = number | "login";
type Row = { path: string | (() => string); get: Expect[]; post: Expect[] };
let sampleSupplierId = "";
let demandId = "";
let matchId = "";

const all = (e: Expect): Expect[] => WHO.map(() => e);
const signedIn = (anon: Expect, rest: Expect): Expect[] => [anon, ...WHO.slice(1).map(() => rest)];
//                        anon     s_member s_admin oem_buyer oem_admin official admin
function officials(allowed: Expect): Expect[] {
  return ["login", 403, 403, 403, 403, allowed, allowed];
}
const orgAdmins: Expect[] = ["login", 403, 200, 403, 200, 403, 403];
const orgAdminsPost: Expect[] = ["login", 403, 400, 403, 400, 403, 403];

const MATRIX: Record<string, Row> = {
  "routes/_index": { path: "/", get: all(200), post: all(405) },
  "routes/$": { path: "/no-such-page", get: all(404), post: all(405) },
  "routes/lang": { path: "/lang", get: all(302), post: all(400) },
  "routes/plants": { path: "/plants", get: all(200), post: all(405) },
  "routes/suppliers._index": { path: "/suppliers", get: all(200), post: all(405) },
  "routes/suppliers.$id": {
    path: () => `/suppliers/${sampleSupplierId}`,
    get: all(200),
    post: ["login", 403, 403, 403, 403, 400, 400],
  },
  "routes/profile": {
    path: "/profile",
    get: ["login", 200, 200, 403, 403, 403, 403],
    post: ["login", 400, 400, 403, 403, 403, 403],
  },
  "routes/imports._index": { path: "/imports", get: officials(200), post: officials(400) },
  "routes/imports.$id": { path: "/imports/00000000-0000-4000-8000-000000000000", get: officials(404), post: all(405) },
  "routes/imports.template[.]csv": { path: "/imports/template.csv", get: officials(200), post: all(405) },
  "routes/imports.template[.]xlsx": { path: "/imports/template.xlsx", get: officials(200), post: all(405) },
  "routes/verification": { path: "/verification", get: officials(200), post: officials(400) },
  "routes/api.v1.suppliers.verifications": {
    path: "/api/v1/suppliers/verifications",
    get: all(405),
    post: [401, 403, 403, 403, 403, 400, 400],
  },
  "routes/api.v1.suppliers._index": { path: "/api/v1/suppliers", get: signedIn(401, 200), post: all(405) },
  "routes/api.v1.suppliers.$id": {
    path: () => `/api/v1/suppliers/${sampleSupplierId}`,
    get: signedIn(401, 200),
    post: all(405),
  },
  "routes/api.v1.openapi[.]json": { path: "/api/v1/openapi.json", get: all(200), post: all(405) },
  //                                               anon     s_member s_admin oem_buyer oem_admin official admin
  "routes/demands._index": { path: "/demands", get: ["login", 403, 403, 200, 200, 200, 200], post: all(405) },
  "routes/demands.new": {
    path: "/demands/new",
    get: ["login", 403, 403, 200, 200, 403, 403],
    post: ["login", 403, 403, 400, 400, 403, 403],
  },
  "routes/demands.$id": {
    path: () => `/demands/${demandId}`,
    get: signedIn("login", 200),
    post: ["login", 400, 400, 400, 400, 403, 403],
  },
  "routes/opportunities": { path: "/opportunities", get: ["login", 200, 200, 403, 403, 403, 403], post: all(405) },
  "routes/matches": { path: "/matches", get: ["login", 200, 200, 403, 403, 403, 403], post: all(405) },
  "routes/notifications": { path: "/notifications", get: signedIn("login", 200), post: signedIn("login", 200) },
  "routes/api.v1.demands._index": { path: "/api/v1/demands", get: all(405), post: [401, 403, 403, 400, 400, 403, 403] },
  "routes/api.v1.demands.$id._index": {
    path: () => `/api/v1/demands/${demandId}`,
    get: signedIn(401, 200),
    post: all(405),
  },
  "routes/api.v1.demands.$id.matches": {
    path: () => `/api/v1/demands/${demandId}/matches`,
    get: [401, 403, 403, 200, 200, 403, 403],
    post: [401, 403, 403, 400, 400, 403, 403],
  },
  "routes/api.v1.matches.$id.respond": {
    path: () => `/api/v1/matches/${matchId}/respond`,
    get: all(405),
    post: [401, 400, 400, 403, 403, 403, 403],
  },
  "routes/api.v1.matches.$id.confirm": {
    path: () => `/api/v1/matches/${matchId}/confirm`,
    get: all(405),
    post: [401, 403, 403, 400, 400, 403, 403],
  },
  "routes/dashboard._index": { path: "/dashboard", get: ["login", 403, 403, 200, 200, 200, 200], post: all(405) },
  "routes/dashboard.map[.]svg": {
    path: "/dashboard/map.svg",
    get: ["login", 403, 403, 200, 200, 200, 200],
    post: all(405),
  },
  "routes/dashboard.map[.]json": {
    path: "/dashboard/map.json",
    get: ["login", 403, 403, 200, 200, 200, 200],
    post: all(405),
  },
  "routes/maps.jilin[.]json": { path: "/maps/jilin.json", get: all(200), post: all(405) },
  "routes/dashboard.export[.]csv": {
    path: "/dashboard/export.csv?table=oems",
    get: ["login", 403, 403, 200, 200, 200, 200],
    post: all(405),
  },
  "routes/dashboard.export[.]xlsx": {
    path: "/dashboard/export.xlsx?table=groups",
    get: ["login", 403, 403, 200, 200, 200, 200],
    post: all(405),
  },
  "routes/dashboard.chain": { path: "/dashboard/chain", get: ["login", 403, 403, 200, 200, 200, 200], post: all(405) },
  "routes/dashboard.chain_.guide": {
    path: "/dashboard/chain/guide",
    get: ["login", 403, 403, 200, 200, 200, 200],
    post: all(405),
  },
  "routes/dashboard.chain_.guide[.]xlsx": {
    path: "/dashboard/chain/guide.xlsx",
    get: ["login", 403, 403, 200, 200, 200, 200],
    post: all(405),
  },
  "routes/api.v1.chain-map": { path: "/api/v1/chain-map", get: [401, 403, 403, 200, 200, 200, 200], post: all(405) },
  "routes/dashboard.new-supply": {
    path: "/dashboard/new-supply",
    get: ["login", 403, 403, 200, 200, 200, 200],
    post: all(405),
  },
  "routes/dashboard.entrants": {
    path: "/dashboard/entrants",
    get: ["login", 403, 403, 200, 200, 200, 200],
    post: ["login", 403, 403, 403, 403, 400, 400],
  },
  "routes/dashboard.entrants[.]csv": {
    path: "/dashboard/entrants.csv",
    get: ["login", 403, 403, 200, 200, 200, 200],
    post: all(405),
  },
  "routes/dashboard.entrants[.]xlsx": {
    path: "/dashboard/entrants.xlsx",
    get: ["login", 403, 403, 200, 200, 200, 200],
    post: all(405),
  },
  "routes/dashboard.verdicts": {
    path: "/dashboard/verdicts",
    get: ["login", 403, 403, 200, 200, 200, 200],
    post: all(405),
  },
  "routes/dashboard.what-if": {
    path: "/dashboard/what-if",
    get: ["login", 403, 403, 200, 200, 200, 200],
    post: all(405),
  },
  "routes/api.v1.ledger.new-supply": {
    path: "/api/v1/ledger/new-supply",
    get: [401, 403, 403, 200, 200, 200, 200],
    post: all(405),
  },
  "routes/api.v1.ledger.entrants": {
    path: "/api/v1/ledger/entrants",
    get: [401, 403, 403, 200, 200, 200, 200],
    post: all(405),
  },
  "routes/api.v1.ledger.what-if": {
    path: "/api/v1/ledger/what-if",
    get: [401, 403, 403, 200, 200, 200, 200],
    post: all(405),
  },
  "routes/ledger": {
    path: "/ledger",
    get: ["login", 403, 403, 403, 200, 403, 403],
    post: ["login", 403, 403, 403, 400, 403, 403],
  },
  "routes/api.v1.ledger.rates": {
    path: "/api/v1/ledger/rates",
    get: [401, 403, 403, 200, 200, 200, 200],
    post: all(405),
  },
  "routes/api.v1.ledger.imports": {
    path: "/api/v1/ledger/imports",
    get: all(405),
    post: [401, 403, 403, 403, 400, 403, 403],
  },
  "routes/ledger_.template[.]csv": {
    path: "/ledger/template.csv",
    get: ["login", 403, 403, 403, 200, 403, 403],
    post: all(405),
  },
  "routes/ledger_.template[.]xlsx": {
    path: "/ledger/template.xlsx",
    get: ["login", 403, 403, 403, 200, 403, 403],
    post: all(405),
  },
  "routes/api.v1.ledger.entries._index": {
    path: "/api/v1/ledger/entries",
    get: [401, 403, 403, 200, 200, 200, 200],
    post: all(405),
  },
  "routes/api.v1.ledger.entries.$id.reverse": {
    path: "/api/v1/ledger/entries/999999999/reverse",
    get: all(405),
    post: [401, 403, 403, 403, 404, 403, 404],
  },
  "routes/api.v1.opportunities_.$id.nominate": {
    path: () => `/api/v1/opportunities/${demandId}/nominate`,
    get: all(405),
    post: [401, 400, 400, 403, 403, 403, 403],
  },
  "routes/api.v1.opportunities": {
    path: "/api/v1/opportunities",
    get: [401, 200, 200, 403, 403, 403, 403],
    post: all(405),
  },
  "routes/login": { path: "/login", get: signedIn(200, 302), post: signedIn(400, 302) },
  "routes/signup": { path: "/signup", get: signedIn(200, 302), post: signedIn(400, 302) },
  "routes/forgot-password": { path: "/forgot-password", get: signedIn(200, 302), post: signedIn(400, 302) },
  "routes/reset-password.$token": { path: "/reset-password/not-a-token", get: all(410), post: all(400) },
  "routes/logout": { path: "/logout", get: all(302), post: signedIn("login", 302) },
  "routes/account": { path: "/account", get: signedIn("login", 200), post: signedIn("login", 400) },
  "routes/org.members": { path: "/org/members", get: orgAdmins, post: orgAdminsPost },
  "routes/org.tokens": { path: "/org/tokens", get: orgAdmins, post: orgAdminsPost },
  "routes/invite.$token": { path: "/invite/not-a-token", get: all(404), post: all(400) },
  "routes/audit": { path: "/audit", get: ["login", 403, 403, 403, 403, 200, 200], post: all(405) },
  "routes/admin.organizations": {
    path: "/admin/organizations",
    get: ["login", 403, 403, 403, 403, 403, 200],
    post: ["login", 403, 403, 403, 403, 403, 400],
  },
  "routes/admin.organizations_.$code": {
    path: "/admin/organizations/FAW",
    get: ["login", 403, 403, 403, 403, 403, 200],
    post: ["login", 403, 403, 403, 403, 403, 400],
  },
  "routes/admin.reference": {
    path: "/admin/reference",
    get: ["login", 403, 403, 403, 403, 403, 200],
    post: ["login", 403, 403, 403, 403, 403, 400],
  },
  "routes/api.v1.me": { path: "/api/v1/me", get: signedIn(401, 200), post: all(405) },
};

let s: TestServices;
let app: Awaited<ReturnType<typeof serveApp>>;
const userIds = new Map<Role, string>();

beforeAll(async () => {
  s = await testServices();
  await seedDemoIfEmpty(s.db);
  for (const [role, email] of [
    ["supplier_member", "supplier@demo.peitao.example"],
    ["supplier_admin", "supplier-admin@demo.peitao.example"],
    ["oem_buyer", "buyer@demo.peitao.example"],
    ["oem_admin", "oem-admin@demo.peitao.example"],
    ["official", "official@demo.peitao.example"],
    ["admin", "admin@demo.peitao.example"],
  ] as const) {
    userIds.set(role, (await findUserByEmail(s.db, email))!.id);
  }
  app = await serveApp({ db: s.db, search: s.search, ...defaultSettings() });
  sampleSupplierId = (
    await s.db
      .selectFrom("organizations")
      .select("id")
      .where("kind", "=", "supplier")
      .limit(1)
      .executeTakeFirstOrThrow()
  ).id;
  const buyer = (await findUserByEmail(s.db, "buyer@demo.peitao.example"))!;
  const supplier = (await findUserByEmail(s.db, "supplier@demo.peitao.example"))!;
  const b = { userId: buyer.id, organizationId: buyer.organization_id };
  demandId = await postTestDemand(s.db, b, { part_name: "矩阵测试零件", category: "E01", radius_km: 100 });
  matchId = (await inviteMatch({ db: s.db, ip: null }, b, { demandId, supplierId: supplier.organization_id })).matchId;
});
afterAll(() => app?.close());

async function request(who: Who, method: "GET" | "POST", path: string) {
  const headers: Record<string, string> = { origin: app.url };
  if (who !== "anon") headers.cookie = `peitao_session=${(await createSession(s.db, userIds.get(who)!)).token}`;
  if (method === "POST") headers["content-type"] = "application/x-www-form-urlencoded";
  const res = await fetch(app.url + path, {
    method,
    headers,
    redirect: "manual",
    body: method === "POST" ? "" : undefined,
  });
  const location = res.headers.get("location") ?? "";
  return res.status === 302 && location.startsWith("/login") ? "login" : res.status;
}

describe("authorization matrix", () => {
  it("has a row for every route of the app", async () => {
    const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
    const routes = Object.keys(build.routes)
      .filter((id) => id !== "root")
      .sort();
    expect(routes).toEqual(Object.keys(MATRIX).sort());
  });

  for (const [id, row] of Object.entries(MATRIX)) {
    it(`${id}: GET and POST for every role`, async () => {
      const got: Record<string, Expect[]> = { get: [], post: [] };
      const path = typeof row.path === "function" ? row.path() : row.path;
      for (const who of WHO) {
        got.get!.push(await request(who, "GET", path));
        got.post!.push(await request(who, "POST", path));
      }
      expect(got).toEqual({ get: row.get, post: row.post });
    });
  }
});
