import { createdAccount } from "../helpers/actors";
import { beforeAll, describe, expect, it } from "vitest";
import { signUpSupplier } from "../../app/features/accounts/sign-up.server";
import {
  inviteMatch,
  respondToMatch,
  shortlistMatch,
  withdrawMatch,
} from "../../app/features/matching/match-actions.server";
import { assignOemAdmin } from "../../app/features/organizations/oems.server";
import { saveSupplierProfile } from "../../app/features/suppliers/profile.server";
import type { Actor } from "../../app/domain/policy";
import { supplierProfileSchema } from "../../app/domain/supplier-profile";
import { makeUscc } from "../../app/domain/uscc";
import { createSession } from "../../db/sessions.server";
import { findUserByEmail } from "../../db/users.server";
import { actorOf } from "../helpers/actors";
import { postTestDemand } from "../helpers/demands";
import { demoApp, type DemoApp } from "../helpers/demo";
import { HttpClient } from "../helpers/http";

// Issue 13, finding 13: a supplier could read any open demand by id without fitting it; a
// shortlisted supplier could read an invite-only demand; 403 (another OEM's demand) versus
// 404 (no such demand) told anyone whether an id exists. Real suppliers of different fits,
// made through the use cases, ask the running server for the page, its data request and
// the API.

let s: DemoApp;
const deps = () => ({ db: s.db, search: s.search, ip: null });

interface Who {
  id: string;
  c: HttpClient;
}

async function sessionOf(userId: string) {
  const c = new HttpClient(s.url);
  c.cookie = `peitao_session=${(await createSession(s.db, userId)).token}`;
  return c;
}

let serial = 7100;
/** A signed-up supplier with one site and the given categories, signed in. */
async function supplier(name: string, categories: string[], site: { lat: number; lng: number; adcode: number }) {
  serial += 1;
  const { userId, organizationId } = createdAccount(
    await signUpSupplier(deps(), {
      nameZh: `${name}有限公司`,
      nameEn: "",
      uscc: makeUscc(220106, serial),
      displayName: name,
      email: `visibility-${serial}@example.com`,
      password: "Quiet-harbour-lantern-42",
    }),
  );
  const actor: Actor = {
    userId,
    organizationId,
    organizationKind: "supplier",
    role: "supplier_admin",
    via: "session",
    displayName: name,
  };
  await saveSupplierProfile(deps(), actor, {
    ...supplierProfileSchema.parse({ nameZh: `${name}有限公司`, categories, sites: [site] }),
    confirmDuplicate: true,
  });
  return { id: organizationId, c: await sessionOf(userId) };
}

const routeData = (id: string) => `/demands/${id}?_data=${encodeURIComponent("routes/demands.$id")}`;

/** The status of the page, its data request and the API for one demand. */
async function statuses(c: HttpClient, id: string) {
  return [
    (await c.get(`/demands/${id}`)).status,
    (await c.get(routeData(id))).status,
    (await c.get(`/api/v1/demands/${id}`)).status,
  ];
}
const readable = [200, 200, 200];
const hidden = [404, 404, 404];

async function opportunityIds(c: HttpClient) {
  const res = await c.get("/api/v1/opportunities");
  expect(res.status).toBe(200);
  return ((await res.json()) as { opportunities: { demand_id: string }[] }).opportunities.map((o) => o.demand_id);
}

let buyer: { userId: string; organizationId: string };
let openDemand = "";
let inviteOnly = "";
let fits: Who;
let wrongCategory: Who;
let outsideCircle: Who;
let shortlisted: Who;
let invited: Who;
let otherOem: HttpClient;

beforeAll(async () => {
  s = await demoApp();
  const b = (await findUserByEmail(s.db, "buyer@demo.peitao.example"))!;
  buyer = { userId: b.id, organizationId: b.organization_id };
  const plant = await s.db
    .selectFrom("plants")
    .select(["code", "lat", "lng"])
    .where("oem_id", "=", buyer.organizationId)
    .orderBy("code")
    .executeTakeFirstOrThrow();
  // 10 km from the plant, and about 150 km north of it (one degree of latitude ≈ 111 km).
  const near = { lat: plant.lat + 0.09, lng: plant.lng, adcode: 220106 };
  const far = { lat: plant.lat + 1.35, lng: plant.lng, adcode: 220700 };

  openDemand = await postTestDemand(s.db, buyer, { part_name: "可见性测试件", category: "E01", radius_km: 100 });
  inviteOnly = await postTestDemand(s.db, buyer, {
    part_name: "仅受邀可见件",
    category: "E01",
    radius_km: 100,
    visibility: "invited",
  });

  fits = await supplier("合适配套", ["E01"], near);
  wrongCategory = await supplier("别类配套", ["A01"], near);
  outsideCircle = await supplier("圈外配套", ["E01"], far);
  shortlisted = await supplier("入围配套", ["E01"], near);
  invited = await supplier("受邀配套", ["A01"], far);

  for (const demandId of [openDemand, inviteOnly])
    await shortlistMatch(deps(), buyer, { demandId, supplierId: shortlisted.id });
  await inviteMatch(deps(), buyer, { demandId: inviteOnly, supplierId: invited.id });

  // A user of another OEM.
  const admin = await actorOf(s.db, "admin@demo.peitao.example");
  const other = await s.db
    .selectFrom("organizations")
    .select("code")
    .where("kind", "=", "oem")
    .where("id", "!=", buyer.organizationId)
    .orderBy("code")
    .executeTakeFirstOrThrow();
  const { userId } = await assignOemAdmin(deps(), admin, {
    oem: other.code!,
    email: "other-oem@example.com",
    name: "别家主机厂",
    password: "Quiet-harbour-lantern-42",
  });
  otherOem = await sessionOf(userId);
});

describe("a demand by id, for suppliers of different fits", () => {
  it("is readable by a supplier of its category inside its circle, and not when it is invite-only", async () => {
    expect(await statuses(fits.c, openDemand)).toEqual(readable);
    expect(await statuses(fits.c, inviteOnly)).toEqual(hidden);
  });

  it("is not readable by a supplier of another category, nor by one outside the circle", async () => {
    expect(await statuses(wrongCategory.c, openDemand)).toEqual(hidden);
    expect(await statuses(outsideCircle.c, openDemand)).toEqual(hidden);
    expect(await statuses(wrongCategory.c, inviteOnly)).toEqual(hidden);
  });

  it("is not readable when invite-only and the supplier was merely shortlisted", async () => {
    expect(await statuses(shortlisted.c, inviteOnly)).toEqual(hidden);
    // The open demand it fits stays readable: the shortlist neither grants nor takes away.
    expect(await statuses(shortlisted.c, openDemand)).toEqual(readable);
  });

  it("is readable by an invited supplier whatever its fit, also after it answered and after a withdrawal", async () => {
    expect(await statuses(invited.c, inviteOnly)).toEqual(readable);
    expect(await statuses(invited.c, openDemand)).toEqual(hidden);
    await respondToMatch(
      deps(),
      { userId: null, organizationId: invited.id },
      {
        demandId: inviteOnly,
        response: { action: "express_interest", quote_fen: 100, quote_note: "" },
      },
    );
    expect(await statuses(invited.c, inviteOnly)).toEqual(readable);
    await withdrawMatch(deps(), buyer, { demandId: inviteOnly, supplierId: invited.id });
    expect(await statuses(invited.c, inviteOnly)).toEqual(readable);
    // A withdrawn shortlist is still no invitation.
    await withdrawMatch(deps(), buyer, { demandId: inviteOnly, supplierId: shortlisted.id });
    expect(await statuses(shortlisted.c, inviteOnly)).toEqual(hidden);
  });

  it("lists as opportunities exactly what the supplier may read", async () => {
    const listed = async (w: Who) => (await opportunityIds(w.c)).filter((id) => id === openDemand || id === inviteOnly);
    expect(await listed(fits)).toEqual([openDemand]);
    expect(await listed(wrongCategory)).toEqual([]);
    expect(await listed(outsideCircle)).toEqual([]);
    expect(await listed(shortlisted)).toEqual([openDemand]);
    expect(await listed(invited)).toEqual([inviteOnly]);
  });

  it("does not tell a supplier that a buyer shortlisted it (the shortlist is the OEM's note)", async () => {
    const res = await shortlisted.c.get("/api/v1/opportunities");
    const { opportunities } = (await res.json()) as {
      opportunities: { demand_id: string; match_state: string | null; match_origin: string | null }[];
    };
    const own = opportunities.find((o) => o.demand_id === openDemand);
    expect(own).toMatchObject({ match_state: null, match_origin: null });
    const page = await shortlisted.c.get("/opportunities?_data=routes%2Fopportunities");
    expect(await page.text()).not.toContain("shortlisted");
  });

  it("cannot be answered through the page by a supplier that may not read it", async () => {
    const res = await wrongCategory.c.post(`/demands/${openDemand}`, { intent: "decline" });
    expect(res.status).toBe(404);
  });
});

describe("absent and not yours answer alike", () => {
  const absent = "00000000-0000-4000-8000-000000000000";

  it("for a supplier: the same 404 for a demand that does not exist and one it may not read", async () => {
    for (const path of [(id: string) => `/demands/${id}`, (id: string) => `/api/v1/demands/${id}`]) {
      const none = await wrongCategory.c.get(path(absent));
      const notYours = await wrongCategory.c.get(path(openDemand));
      expect(notYours.status).toBe(none.status);
      expect(none.status).toBe(404);
      if (path(absent).startsWith("/api/")) expect(await notYours.json()).toEqual(await none.json());
    }
  });

  it("for another OEM: 404 on the page, its data, the API, the matches and a match's confirm, not 403", async () => {
    expect(await statuses(otherOem, openDemand)).toEqual(hidden);
    expect(await statuses(otherOem, absent)).toEqual(hidden);
    expect((await otherOem.get(`/api/v1/demands/${openDemand}/matches`)).status).toBe(404);
    const matchId = (
      await s.db
        .selectFrom("matches")
        .select("id")
        .where("demand_id", "=", openDemand)
        .where("supplier_id", "=", shortlisted.id)
        .executeTakeFirstOrThrow()
    ).id;
    const confirm = await fetch(`${s.url}/api/v1/matches/${matchId}/confirm`, {
      method: "POST",
      headers: { cookie: otherOem.cookie, origin: s.url, "content-type": "application/json" },
      body: JSON.stringify({ amount_fen: 100, year: 2026 }),
    });
    expect(confirm.status).toBe(404);
    // A supplier asking about another supplier's match: the same 404.
    const respond = await fetch(`${s.url}/api/v1/matches/${matchId}/respond`, {
      method: "POST",
      headers: { cookie: fits.c.cookie, origin: s.url, "content-type": "application/json" },
      body: JSON.stringify({ action: "decline" }),
    });
    expect(respond.status).toBe(404);
  });

  it("while the demand's own OEM and officials still read it", async () => {
    const own = await sessionOf(buyer.userId);
    expect(await statuses(own, openDemand)).toEqual(readable);
    const official = await sessionOf((await findUserByEmail(s.db, "official@demo.peitao.example"))!.id);
    expect(await statuses(official, inviteOnly)).toEqual(readable);
  });
});
