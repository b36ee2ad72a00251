import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createApiToken } from "../../db/api-tokens.server";
import { findUserByEmail } from "../../db/users.server";
import { PROCUREMENT_COLUMNS } from "../../app/domain/procurement-import";
import { demoApp, type DemoApp } from "../helpers/demo";

// Every documented endpoint of /api/v1 is called with real demo data, and each real
// answer is checked against the response schema the OpenAPI document gives for its
// status: the document's own JSON Schema (components.schemas), turned back into zod.

type Operation = { responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> };
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, object> } };

let s: DemoApp;
let doc: Doc;
let validators: Record<string, z.ZodType>;
let oemToken: string;
let officialToken: string;
const called = new Set<string>();

beforeAll(async () => {
  s = await demoApp();
  const oem = (await findUserByEmail(s.db, "oem-admin@demo.peitao.example"))!;
  oemToken = (await createApiToken(s.db, oem.organization_id, "SRM", oem.id)).token;
  const official = (await findUserByEmail(s.db, "official@demo.peitao.example"))!;
  officialToken = (await createApiToken(s.db, official.organization_id, "BI", official.id)).token;
  doc = (await (await fetch(`${s.url}/api/v1/openapi.json`)).json()) as Doc;
  validators = Object.fromEntries(
    Object.entries(doc.components.schemas).map(([name, schema]) => [name, z.fromJSONSchema(schema as never)]),
  );
});

/**
 * Call one endpoint (by its documented path template) and check the answer: its status is
 * documented for the operation, and a JSON body matches the documented schema.
 */
async function call(
  token: string,
  method: "get" | "post",
  template: string,
  path: string,
  body?: { json: unknown } | { csv: string },
) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  let payload: string | undefined;
  if (body && "json" in body) [headers["content-type"], payload] = ["application/json", JSON.stringify(body.json)];
  if (body && "csv" in body) [headers["content-type"], payload] = ["text/csv", body.csv];
  const res = await fetch(s.url + path, { method: method.toUpperCase(), headers, body: payload });
  const json: unknown = await res.json();
  const operation = doc.paths[template]?.[method];
  expect(operation, `${method} ${template} is documented`).toBeDefined();
  const documented = operation!.responses[String(res.status)];
  expect(
    documented,
    `${method} ${template} answered ${res.status}, which is not documented: ${JSON.stringify(json)}`,
  ).toBeDefined();
  const ref = documented!.content?.["application/json"]?.schema?.$ref;
  expect(ref, `${method} ${template} ${res.status} documents a JSON schema`).toBeDefined();
  const name = ref!.replace("#/components/schemas/", "");
  const parsed = validators[name]!.safeParse(json);
  expect(
    parsed.success,
    `${method} ${template} ${res.status} does not match ${name}: ${JSON.stringify(parsed.error?.issues.slice(0, 5))}\n${JSON.stringify(json).slice(0, 500)}`,
  ).toBe(true);
  called.add(`${method} ${template}`);
  return { status: res.status, body: json as never };
}

describe("the OpenAPI document's response schemas", () => {
  it("generates a validator for every schema it documents", () => {
    expect(Object.keys(validators)).toEqual(
      expect.arrayContaining([
        "Error",
        "Me",
        "SuppliersPage",
        "SupplierDetail",
        "Demand",
        "DemandMatches",
        "MatchResult",
        "Opportunities",
        "Rates",
        "ImportResult",
        "ReverseResult",
        "VerificationBatchResult",
      ]),
    );
    // A validator refuses what its schema does not allow (extra fields included).
    expect(
      validators.MatchResult!.safeParse({
        match_id: crypto.randomUUID(),
        state: "interested",
        already_done: false,
        ledger_posted: false,
      }).success,
    ).toBe(true);
    expect(
      validators.MatchResult!.safeParse({
        match_id: crypto.randomUUID(),
        state: "interested",
        already_done: false,
        ledger_posted: false,
        extra: 1,
      }).success,
    ).toBe(false);
    expect(
      validators.MatchResult!.safeParse({ match_id: "x", state: "nope", already_done: false, ledger_posted: false })
        .success,
    ).toBe(false);
  });

  it("match every real answer of every documented endpoint", async () => {
    // Who the tokens are.
    expect((await call(oemToken, "get", "/api/v1/me", "/api/v1/me")).body).toMatchObject({
      via: "token",
      organization: { kind: "oem" },
    });
    await call(officialToken, "get", "/api/v1/me", "/api/v1/me");

    // The directory, with and without a plant, and one supplier (with and without private fields).
    const page = (
      await call(oemToken, "get", "/api/v1/suppliers", "/api/v1/suppliers?plant=OEM05&radius_km=200&per_page=5")
    ).body as { hits: { id: string; distance_km: number }[] };
    expect(page.hits.length).toBeGreaterThan(0);
    await call(oemToken, "get", "/api/v1/suppliers", "/api/v1/suppliers?q=%E7%94%B5%E6%B1%A0");
    expect((await call(oemToken, "get", "/api/v1/suppliers", "/api/v1/suppliers?radius_km=900")).status).toBe(400);
    const detail = (await call(oemToken, "get", "/api/v1/suppliers/{id}", `/api/v1/suppliers/${page.hits[0]!.id}`))
      .body as { private: unknown };
    expect(detail.private).not.toBeNull();
    expect(
      (await call(oemToken, "get", "/api/v1/suppliers/{id}", `/api/v1/suppliers/${crypto.randomUUID()}`)).status,
    ).toBe(404);

    // A demand: posted, read, ranked.
    const posted = await call(oemToken, "post", "/api/v1/demands", "/api/v1/demands", {
      json: {
        plant: "OEM05",
        part_name: "接口校验件",
        category: "A04",
        radius_km: 150,
        annual_volume: 1000,
        required_certifications: ["IATF16949"],
        sop_date: "2027-01-31",
      },
    });
    expect(posted.status).toBe(201);
    const demand = posted.body as { id: string };
    expect(
      (await call(oemToken, "post", "/api/v1/demands", "/api/v1/demands", { json: { plant: "OEM05", part_name: "" } }))
        .status,
    ).toBe(400);
    await call(oemToken, "get", "/api/v1/demands/{id}", `/api/v1/demands/${demand.id}`);
    expect((await call(oemToken, "get", "/api/v1/demands/{id}", `/api/v1/demands/${crypto.randomUUID()}`)).status).toBe(
      404,
    );
    const ranked = (await call(oemToken, "get", "/api/v1/demands/{id}/matches", `/api/v1/demands/${demand.id}/matches`))
      .body as {
      inside: { supplier_id: string }[];
      outside: { supplier_id: string }[];
    };
    const [first, second] = [...ranked.inside, ...ranked.outside];
    expect(second).toBeDefined();

    // Shortlist one, invite another; the invited one answers with its own token.
    expect(
      (
        await call(oemToken, "post", "/api/v1/demands/{id}/matches", `/api/v1/demands/${demand.id}/matches`, {
          json: { supplier_id: first!.supplier_id, action: "shortlist" },
        })
      ).status,
    ).toBe(201);
    const invited = await call(
      oemToken,
      "post",
      "/api/v1/demands/{id}/matches",
      `/api/v1/demands/${demand.id}/matches`,
      { json: { supplier_id: second!.supplier_id, action: "invite" } },
    );
    const { match_id } = invited.body as { match_id: string };
    expect(
      (
        await call(oemToken, "post", "/api/v1/demands/{id}/matches", `/api/v1/demands/${demand.id}/matches`, {
          json: { supplier_id: second!.supplier_id, action: "shortlist" },
        })
      ).status,
    ).toBe(400);
    const withMatches = (
      await call(oemToken, "get", "/api/v1/demands/{id}/matches", `/api/v1/demands/${demand.id}/matches`)
    ).body as { matches: unknown[] };
    expect(withMatches.matches).toHaveLength(2);

    const supplierToken = (await createApiToken(s.db, second!.supplier_id, "ERP", null)).token;
    expect(
      (
        await call(oemToken, "post", "/api/v1/matches/{id}/confirm", `/api/v1/matches/${match_id}/confirm`, {
          json: { amount_fen: 100, year: 2026 },
        })
      ).status,
    ).toBe(400);
    const answered = await call(
      supplierToken,
      "post",
      "/api/v1/matches/{id}/respond",
      `/api/v1/matches/${match_id}/respond`,
      { json: { action: "express_interest", quote_fen: 12_000_00, quote_note: "含运输" } },
    );
    expect(answered.body).toMatchObject({ state: "interested" });
    expect(
      (
        await call(
          supplierToken,
          "post",
          "/api/v1/matches/{id}/respond",
          `/api/v1/matches/${crypto.randomUUID()}/respond`,
          { json: { action: "decline" } },
        )
      ).status,
    ).toBe(404);
    const opps = (await call(supplierToken, "get", "/api/v1/opportunities", "/api/v1/opportunities")).body as {
      opportunities: { demand_id: string; match_state: string }[];
    };
    expect(opps.opportunities.find((o) => o.demand_id === demand.id)?.match_state).toBe("interested");
    // 自荐 on a demand it has a match on already: refused; on one it may not read: 404.
    expect(
      (
        await call(
          supplierToken,
          "post",
          "/api/v1/opportunities/{id}/nominate",
          `/api/v1/opportunities/${demand.id}/nominate`,
          { json: { quote_fen: 1_000 } },
        )
      ).body,
    ).toMatchObject({ error: "invalid_request", message: "already nominated" });
    expect(
      (
        await call(
          supplierToken,
          "post",
          "/api/v1/opportunities/{id}/nominate",
          `/api/v1/opportunities/${crypto.randomUUID()}/nominate`,
          { json: { quote_fen: 1_000 } },
        )
      ).status,
    ).toBe(404);
    const confirmed = await call(
      oemToken,
      "post",
      "/api/v1/matches/{id}/confirm",
      `/api/v1/matches/${match_id}/confirm`,
      { json: { amount_fen: 36_000_000, annual_volume: 1000, year: 2026 } },
    );
    expect(confirmed.body).toMatchObject({ state: "confirmed", ledger_posted: true });
    expect(
      (
        await call(oemToken, "post", "/api/v1/matches/{id}/confirm", `/api/v1/matches/${match_id}/confirm`, {
          json: { amount_fen: 36_000_000, year: 2026 },
        })
      ).body,
    ).toMatchObject({ already_done: true });

    // The verification queue over the API: the agency's token decides pending suppliers, all or nothing.
    const pending = await s.db
      .selectFrom("organizations")
      .select("id")
      .where("kind", "=", "supplier")
      .where("verification_status", "=", "pending")
      .orderBy("id")
      .limit(2)
      .execute();
    const verifications = "/api/v1/suppliers/verifications";
    const decided = await call(officialToken, "post", verifications, verifications, {
      json: { supplier_ids: pending.map((p) => p.id), decision: "rejected", reason: "接口校验" },
    });
    expect(decided.body).toMatchObject({ decision: "rejected", supplier_ids: pending.map((p) => p.id) });
    expect(
      (
        await call(officialToken, "post", verifications, verifications, {
          json: { supplier_ids: pending.map((p) => p.id), decision: "verified" },
        })
      ).status,
    ).toBe(400);
    expect(
      (await call(oemToken, "post", verifications, verifications, { json: { supplier_ids: [], decision: "verified" } }))
        .status,
    ).toBe(403);

    // The ledger: rates, an import, the reversal of the confirmed match's entry.
    await call(oemToken, "get", "/api/v1/ledger/rates", "/api/v1/ledger/rates?year=2026&basis=circle");
    await call(officialToken, "get", "/api/v1/ledger/rates", "/api/v1/ledger/rates?group=A");
    await call(oemToken, "get", "/api/v1/chain-map", "/api/v1/chain-map?year=2025&by=oem");
    await call(officialToken, "get", "/api/v1/chain-map", "/api/v1/chain-map?nev=true&basis=circle");
    // The officials' instruments (issue 15).
    const oemOrg = (await findUserByEmail(s.db, "oem-admin@demo.peitao.example"))!.organization_id;
    const supply = await call(
      officialToken,
      "get",
      "/api/v1/ledger/new-supply",
      `/api/v1/ledger/new-supply?oem=${oemOrg}`,
    );
    expect((supply.body as { rows: unknown[] }).rows.length).toBeGreaterThan(0);
    await call(oemToken, "get", "/api/v1/ledger/new-supply", "/api/v1/ledger/new-supply?year=2024");
    expect((await call(oemToken, "get", "/api/v1/ledger/new-supply", "/api/v1/ledger/new-supply?year=x")).status).toBe(
      400,
    );
    await call(officialToken, "get", "/api/v1/ledger/entrants", "/api/v1/ledger/entrants?year=2023");
    expect((await call(oemToken, "get", "/api/v1/ledger/entrants", "/api/v1/ledger/entrants?oem=1")).status).toBe(400);
    await call(oemToken, "get", "/api/v1/ledger/what-if", "/api/v1/ledger/what-if?amount_fen=100000000&parts=nev");
    await call(oemToken, "get", "/api/v1/ledger/what-if", `/api/v1/ledger/what-if?demands=${demand.id}`);
    expect(
      (await call(oemToken, "get", "/api/v1/ledger/what-if", `/api/v1/ledger/what-if?demands=${crypto.randomUUID()}`))
        .status,
    ).toBe(400);
    expect((await call(oemToken, "get", "/api/v1/ledger/what-if", "/api/v1/ledger/what-if?amount_fen=-1")).status).toBe(
      400,
    );
    const header = PROCUREMENT_COLUMNS.map((c) => c.zh).join(",");
    const line = (v: Record<string, string>) => PROCUREMENT_COLUMNS.map((c) => v[c.key] ?? "").join(",");
    const csv = [
      header,
      line({
        documentNo: "OA-1",
        year: "2026",
        quarter: "1",
        plant: "OEM05",
        category: "A02",
        amount: "1000.00",
        supplierName: "吉林某厂",
        province: "吉林省",
        county: "220106",
      }),
      line({ documentNo: "OA-2", year: "1999", plant: "OEM05", category: "A02", amount: "1", supplierName: "x" }),
    ].join("\r\n");
    const imported = await call(oemToken, "post", "/api/v1/ledger/imports", "/api/v1/ledger/imports", { csv });
    expect(imported.body).toMatchObject({ inserted: 1, rejected: 1 });
    const listed = await call(
      oemToken,
      "get",
      "/api/v1/ledger/entries",
      "/api/v1/ledger/entries?document_no=OA-1&source=import&year=2026&quarter=1&plant=OEM05",
    );
    expect(listed.body).toMatchObject({ total: 1, entries: [{ document_no: "OA-1", plant: "OEM05" }] });
    expect(
      (await call(officialToken, "get", "/api/v1/ledger/entries", "/api/v1/ledger/entries?per_page=5")).status,
    ).toBe(200);
    expect((await call(oemToken, "get", "/api/v1/ledger/entries", "/api/v1/ledger/entries?quarter=5")).status).toBe(
      400,
    );
    const entry = await s.db
      .selectFrom("ledger_entries")
      .select("id")
      .where("match_id", "=", match_id)
      .executeTakeFirstOrThrow();
    const reversed = await call(
      oemToken,
      "post",
      "/api/v1/ledger/entries/{id}/reverse",
      `/api/v1/ledger/entries/${entry.id}/reverse`,
    );
    expect(reversed.status).toBe(201);
    expect(
      (await call(oemToken, "post", "/api/v1/ledger/entries/{id}/reverse", "/api/v1/ledger/entries/999999999/reverse"))
        .status,
    ).toBe(404);

    // Every documented operation was called.
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));
    expect([...called].sort()).toEqual(documented.sort());
  });
});
