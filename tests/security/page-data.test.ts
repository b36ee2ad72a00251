import { createdAccount } from "../helpers/actors";
import { beforeAll, describe, expect, it } from "vitest";
import { signUpSupplier } from "../../app/features/accounts/sign-up.server";
import { confirmMatch, inviteMatch, respondToMatch } from "../../app/features/matching/match-actions.server";
import { assignOemAdmin } from "../../app/features/organizations/oems.server";
import { saveSupplierProfile } from "../../app/features/suppliers/profile.server";
import { supplierProfileSchema } from "../../app/domain/supplier-profile";
import { makeUscc } from "../../app/domain/uscc";
import { getSupplierProfile } from "../../db/supplier-profiles.server";
import { createSession } from "../../db/sessions.server";
import { findUserByEmail } from "../../db/users.server";
import { actorOf } from "../helpers/actors";
import { postTestDemand } from "../helpers/demands";
import { demoApp, type DemoApp } from "../helpers/demo";
import { HttpClient } from "../helpers/http";

// Issue 13, finding 14: a page's data request (`?_data=routes/…`) returned to officials the
// quotes, quote notes and decline reasons the page does not show them. The loader's answer
// reaches the reader twice, as the data request and inside the HTML (Remix's context for
// hydration), so both are checked here against the running server, role by role.

let s: DemoApp;
const deps = () => ({ db: s.db, search: s.search, ip: null });

const QUOTE_NOTE = "QUOTE-NOTE-SECRET-7f3a";
const DECLINE_REASON = "DECLINE-REASON-SECRET-9c1e";
const QUOTE_FEN = 918_273_645;
const CONTRACT_FEN = 5_647_382_910;

let demandId = "";
let buyer: { userId: string; organizationId: string };
let winner: { organizationId: string; nameZh: string };
let decliner: { organizationId: string; nameZh: string };
let oemId = "";
let plantId = "";

async function as(email: string) {
  const user = (await findUserByEmail(s.db, email))!;
  const c = new HttpClient(s.url);
  c.cookie = `peitao_session=${(await createSession(s.db, user.id)).token}`;
  return c;
}

/** The page's data request and the page itself, as text, for one reader. */
async function both(c: HttpClient, path: string, route: string) {
  const sep = path.includes("?") ? "&" : "?";
  const data = await c.get(`${path}${sep}_data=${encodeURIComponent(route)}`);
  const page = await c.get(path);
  expect([data.status, page.status]).toEqual([200, 200]);
  return { data: await data.text(), page: await page.text() };
}

const demandData = (c: HttpClient) => both(c, `/demands/${demandId}`, "routes/demands.$id");

/** What the buyer's side of the demand holds and nobody else may see. */
const buyerOnly = () => [
  QUOTE_NOTE,
  String(QUOTE_FEN),
  String(CONTRACT_FEN),
  "quote_fen",
  "quote_note",
  "contract_fen",
];
/** What no page shows anyone: the decline reason, and the demand's internal ids. */
const nobody = () => [DECLINE_REASON, "decline_reason", buyer.userId, oemId, plantId, "created_by"];

function expectNone(text: string, secrets: string[]) {
  for (const secret of secrets) expect(text, `must not contain ${secret}`).not.toContain(secret);
}

beforeAll(async () => {
  s = await demoApp();
  const b = (await findUserByEmail(s.db, "buyer@demo.peitao.example"))!;
  buyer = { userId: b.id, organizationId: b.organization_id };
  oemId = b.organization_id;
  demandId = await postTestDemand(s.db, buyer, { part_name: "页面数据测试件", category: "E01", radius_km: 100 });
  plantId = (await s.db.selectFrom("demands").select("plant_id").where("id", "=", demandId).executeTakeFirstOrThrow())
    .plant_id;

  const supplierAdmin = (await findUserByEmail(s.db, "supplier-admin@demo.peitao.example"))!;
  const other = await s.db
    .selectFrom("organizations")
    .select(["id", "name_zh"])
    .where("kind", "=", "supplier")
    .where("id", "!=", supplierAdmin.organization_id)
    .orderBy("id")
    .executeTakeFirstOrThrow();
  winner = {
    organizationId: supplierAdmin.organization_id,
    nameZh: (await getSupplierProfile(s.db, supplierAdmin.organization_id))!.nameZh,
  };
  decliner = { organizationId: other.id, nameZh: other.name_zh };

  await inviteMatch(deps(), buyer, { demandId, supplierId: winner.organizationId });
  await inviteMatch(deps(), buyer, { demandId, supplierId: decliner.organizationId });
  await respondToMatch(
    deps(),
    { userId: supplierAdmin.id, organizationId: winner.organizationId },
    {
      demandId,
      response: { action: "express_interest", quote_fen: QUOTE_FEN, quote_note: QUOTE_NOTE },
    },
  );
  await respondToMatch(
    deps(),
    { userId: null, organizationId: decliner.organizationId },
    {
      demandId,
      response: { action: "decline", reason: DECLINE_REASON },
    },
  );
  await confirmMatch(deps(), buyer, {
    demandId,
    supplierId: winner.organizationId,
    contract: { amount_fen: CONTRACT_FEN, annual_volume: null, year: 2026 },
  });
});

describe("the demand page's data", () => {
  it("gives officials and administrators who is matched and how far it got, and no quote, note, contract or reason", async () => {
    for (const email of ["official@demo.peitao.example", "admin@demo.peitao.example"]) {
      const { data, page } = await demandData(await as(email));
      for (const text of [data, page]) expectNone(text, [...buyerOnly(), ...nobody()]);
      const body = JSON.parse(data) as { official: { matches: { name_zh: string; state: string }[] }; buyer: null };
      expect(body.buyer).toBeNull();
      expect(body.official.matches).toEqual(
        expect.arrayContaining([
          { name_zh: winner.nameZh, name_en: expect.any(String), state: "confirmed" },
          { name_zh: decliner.nameZh, name_en: expect.any(String), state: "declined" },
        ]),
      );
      // The page still shows them.
      expect(page).toContain(decliner.nameZh);
    }
  });

  it("gives a supplier the demand and its own match (state, its own quote, the award): no other supplier, no ids", async () => {
    const { data, page } = await demandData(await as("supplier-admin@demo.peitao.example"));
    for (const text of [data, page]) expectNone(text, [...nobody(), decliner.nameZh]);
    const body = JSON.parse(data) as { supplier: { myMatch: unknown }; buyer: null; official: null };
    // Its own quote and award are its own (issue 14: a supplier never saw its quote after sending it).
    expect(body).toMatchObject({
      supplier: {
        myMatch: { state: "confirmed", quote_fen: QUOTE_FEN, quote_note: QUOTE_NOTE, contract_fen: CONTRACT_FEN },
      },
      buyer: null,
      official: null,
    });
    expect(Object.keys(body.supplier.myMatch as object).sort()).toEqual(
      ["capacity", "contract_fen", "earliest_sop", "origin", "period_year", "quote_fen", "quote_note", "state"].sort(),
    );
  });

  it("gives the buyer the quotes, notes and contract its page shows, and neither the decline reason nor internal ids", async () => {
    const { data, page } = await demandData(await as("buyer@demo.peitao.example"));
    expect(data).toContain(QUOTE_NOTE);
    expect(page).toContain(QUOTE_NOTE);
    expect(data).toContain(String(CONTRACT_FEN));
    for (const text of [data, page]) expectNone(text, nobody());
  });

  it("gives another OEM nothing at all", async () => {
    const admin = await actorOf(s.db, "admin@demo.peitao.example");
    const other = await s.db
      .selectFrom("organizations")
      .select("code")
      .where("kind", "=", "oem")
      .where("id", "!=", oemId)
      .orderBy("code")
      .executeTakeFirstOrThrow();
    await assignOemAdmin(deps(), admin, {
      oem: other.code!,
      email: "page-data-oem@example.com",
      name: "别家",
      password: "Quiet-harbour-lantern-42",
    });
    const c = await as("page-data-oem@example.com");
    const res = await c.get(`/demands/${demandId}?_data=${encodeURIComponent("routes/demands.$id")}`);
    expect(res.status).toBe(404);
    expectNone(await res.text(), [...buyerOnly(), ...nobody(), winner.nameZh]);
  });
});

describe("other pages' data", () => {
  it("a supplier's detail page: contacts and customers only for those who may read them, the external id only for verifiers", async () => {
    const supplierAdmin = await actorOf(s.db, "supplier-admin@demo.peitao.example");
    const current = (await getSupplierProfile(s.db, supplierAdmin.organizationId))!;
    await saveSupplierProfile(deps(), supplierAdmin, {
      ...supplierProfileSchema.parse({
        ...current,
        contactName: "联系人甲",
        contactPhone: "0431-5550199",
        contactEmail: "contact-secret@example.com",
        customers: ["客户秘密"],
      }),
      confirmDuplicate: true,
    });
    await s.db
      .updateTable("organizations")
      .set({ external_id: "EXT-SECRET-4411" })
      .where("id", "=", supplierAdmin.organizationId)
      .execute();
    const path = `/suppliers/${supplierAdmin.organizationId}`;
    const privateParts = ["联系人甲", "0431-5550199", "contact-secret@example.com", "客户秘密"];
    const anonymous = await both(new HttpClient(s.url), path, "routes/suppliers.$id");
    const stranger = createdAccount(
      await signUpSupplier(deps(), {
        nameZh: "旁观配套有限公司",
        nameEn: "",
        uscc: makeUscc(220106, 8811),
        displayName: "旁观",
        email: "page-data-supplier@example.com",
        password: "Quiet-harbour-lantern-42",
      }),
    );
    const strangerClient = new HttpClient(s.url);
    strangerClient.cookie = `peitao_session=${(await createSession(s.db, stranger.userId)).token}`;
    const readers = [anonymous, await both(strangerClient, path, "routes/suppliers.$id")];
    for (const { data, page } of readers)
      for (const text of [data, page]) expectNone(text, [...privateParts, "EXT-SECRET-4411"]);
    // A buyer reads the contacts (the policy's supplier.private.read), not the external id.
    const asBuyer = await both(await as("buyer@demo.peitao.example"), path, "routes/suppliers.$id");
    expect(asBuyer.data).toContain("contact-secret@example.com");
    expectNone(asBuyer.data, ["EXT-SECRET-4411"]);
    // Officials verify suppliers: they see the external id.
    expect((await both(await as("official@demo.peitao.example"), path, "routes/suppliers.$id")).data).toContain(
      "EXT-SECRET-4411",
    );
  });

  it("notifications and opportunities: what the lists show, not the reader's own user id or a demand's visibility", async () => {
    const user = (await findUserByEmail(s.db, "supplier-admin@demo.peitao.example"))!;
    const c = await as("supplier-admin@demo.peitao.example");
    const notes = await both(c, "/notifications", "routes/notifications");
    expect(notes.data).toContain(`/demands/${demandId}`);
    expectNone(notes.data, [user.id, "user_id"]);
    const open = await postTestDemand(s.db, buyer, { part_name: "机会列表件", category: "E01", visibility: "invited" });
    await inviteMatch(deps(), buyer, { demandId: open, supplierId: user.organization_id });
    const opps = await both(c, "/opportunities", "routes/opportunities");
    expect(opps.data).toContain(open);
    expectNone(opps.data, ['"visibility"', '"radius_km"']);
  });
});
