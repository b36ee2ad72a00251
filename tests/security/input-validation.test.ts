import { beforeAll, describe, expect, it } from "vitest";
import { makeUscc } from "../../app/domain/uscc";
import { createApiToken } from "../../db/api-tokens.server";
import { createSession } from "../../db/sessions.server";
import { findUserByEmail } from "../../db/users.server";
import { postTestDemand } from "../helpers/demands";
import { demoApp, type DemoApp } from "../helpers/demo";
import { HttpClient } from "../helpers/http";

// Issue 13, finding 10: impossible dates (2026-02-31 passes Date.parse) and NUL characters
// (PostgreSQL text cannot hold one) answered 500, anonymous /signup included. Each must be a
// 400 with a field error at the boundary, and write nothing. The second half sweeps every
// form, API body and query string with a NUL in each field in turn: no answer is a 500.

let s: DemoApp;
let buyer: HttpClient;
let supplier: HttpClient;
let official: HttpClient;
let admin: HttpClient;
let oemToken = "";
let plant = "";
let demandId = "";
let supplierId = "";

const NUL = "\u0000";

async function as(email: string) {
  const user = (await findUserByEmail(s.db, email))!;
  const c = new HttpClient(s.url);
  c.cookie = `peitao_session=${(await createSession(s.db, user.id)).token}`;
  return c;
}

const count = async (table: "organizations" | "demands" | "users" | "supplier_certifications") =>
  Number(
    (
      await s.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function api(method: string, path: string, body?: unknown, token = oemToken) {
  return fetch(s.url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

beforeAll(async () => {
  s = await demoApp();
  buyer = await as("buyer@demo.peitao.example");
  supplier = await as("supplier-admin@demo.peitao.example");
  official = await as("official@demo.peitao.example");
  admin = await as("admin@demo.peitao.example");
  const b = (await findUserByEmail(s.db, "buyer@demo.peitao.example"))!;
  oemToken = (await createApiToken(s.db, b.organization_id, "input", null)).token;
  plant = (
    await s.db
      .selectFrom("plants")
      .select("code")
      .where("oem_id", "=", b.organization_id)
      .orderBy("code")
      .executeTakeFirstOrThrow()
  ).code;
  demandId = await postTestDemand(
    s.db,
    { userId: b.id, organizationId: b.organization_id },
    {
      part_name: "输入校验件",
      category: "E01",
    },
  );
  supplierId = (await findUserByEmail(s.db, "supplier-admin@demo.peitao.example"))!.organization_id;
});

describe("impossible calendar dates", () => {
  const IMPOSSIBLE = ["2026-02-31", "2026-13-01", "2025-02-29", "2026-04-31", "2026-00-10"];

  it("are field errors on the demand form and the API, and post nothing", async () => {
    const before = await count("demands");
    for (const date of IMPOSSIBLE) {
      for (const field of ["sop_date", "response_deadline"]) {
        const page = await buyer.post("/demands/new", { plant, part_name: "日期件", category: "E01", [field]: date });
        expect(page.status, `${field}=${date}`).toBe(400);
        const body = await api("POST", "/api/v1/demands", {
          plant,
          part_name: "日期件",
          category: "E01",
          [field]: date,
        });
        expect(body.status, `${field}=${date}`).toBe(400);
        expect(await body.json()).toMatchObject({ fields: { [field]: expect.any(String) } });
      }
    }
    expect(await count("demands")).toBe(before);
    // A real leap day is a date.
    const leap = await api("POST", "/api/v1/demands", {
      plant,
      part_name: "闰日件",
      category: "E01",
      sop_date: "2028-02-29",
    });
    expect(leap.status).toBe(201);
  });

  it("are field errors on a certificate's validity in the supplier profile", async () => {
    const before = await count("supplier_certifications");
    const res = await supplier.post("/profile", {
      nameZh: "长春航宏动力机械有限公司（示例1）",
      categories: "E01",
      "site.0.adcode": "220105",
      "site.0.lat": "43.887",
      "site.0.lng": "125.662",
      "cert.0.kind": "IATF16949",
      "cert.0.validUntil": "2026-02-31",
      confirmDuplicate: "1",
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("请输入日期");
    expect(await count("supplier_certifications")).toBe(before);
  });
});

describe("NUL characters", () => {
  it("in anonymous /signup are a 400 for every field, and sign nobody up", async () => {
    const base = {
      nameZh: "吉林甲乙汽车部件有限公司",
      nameEn: "",
      uscc: makeUscc(220101, 4243),
      displayName: "甲",
      email: "nul-signup@example.com",
      password: "Quiet-harbour-lantern-42",
    };
    const [orgs, users] = [await count("organizations"), await count("users")];
    for (const field of Object.keys(base) as (keyof typeof base)[]) {
      const res = await new HttpClient(s.url).post("/signup", { ...base, [field]: `${base[field]}${NUL}x` });
      expect(res.status, field).toBe(400);
    }
    expect([await count("organizations"), await count("users")]).toEqual([orgs, users]);
  });

  it("in the API's JSON bodies are a 400 naming the field, keys included", async () => {
    const base = { plant, part_name: "接口件", category: "E01", spec: "", unit: "件" };
    for (const field of Object.keys(base) as (keyof typeof base)[]) {
      const res = await api("POST", "/api/v1/demands", { ...base, [field]: `${base[field]}${NUL}` });
      expect(res.status, field).toBe(400);
      expect(await res.json()).toMatchObject({ fields: { [field]: expect.any(String) } });
    }
    expect((await api("POST", "/api/v1/demands", { ...base, [`x${NUL}`]: 1 })).status).toBe(400);
    const match = await api("POST", `/api/v1/demands/${demandId}/matches`, {
      supplier_id: supplierId,
      action: `invite${NUL}`,
    });
    expect(match.status).toBe(400);
  });

  /** Every form of the product, by role, with plausible values. */
  const FORMS: { who: () => HttpClient; path: () => string; form: () => Record<string, string> }[] = [
    { who: () => new HttpClient(s.url), path: () => "/login", form: () => ({ email: "a@example.com", password: "x" }) },
    {
      who: () => new HttpClient(s.url),
      path: () => "/invite/not-a-token",
      form: () => ({ displayName: "甲", email: "a@example.com", password: "Quiet-harbour-lantern-42" }),
    },
    { who: () => new HttpClient(s.url), path: () => "/lang", form: () => ({ lang: "en", redirectTo: "/" }) },
    {
      who: () => buyer,
      path: () => "/demands/new",
      form: () => ({
        plant,
        part_name: "件",
        category: "E01",
        spec: "",
        annual_volume: "1",
        unit: "件",
        radius_km: "100",
        visibility: "all",
        required_certifications: "IATF16949",
      }),
    },
    { who: () => buyer, path: () => `/demands/${demandId}`, form: () => ({ act: `shortlist:${supplierId}` }) },
    { who: () => buyer, path: () => `/demands/${demandId}`, form: () => ({ intent: "close" }) },
    {
      who: () => supplier,
      path: () => `/demands/${demandId}`,
      form: () => ({ intent: "express_interest", quote: "100", quote_note: "说明" }),
    },
    {
      who: () => supplier,
      path: () => "/profile",
      form: () => ({
        nameZh: "长春航宏动力机械有限公司（示例1）",
        productsZh: "零件",
        categories: "E01",
        "site.0.label": "厂",
        "site.0.adcode": "220105",
        "site.0.lat": "43.887",
        "site.0.lng": "125.662",
        "site.0.address": "路",
        contactName: "甲",
        contactPhone: "0431",
        customers: "客户",
      }),
    },
    {
      who: () => supplier,
      path: () => "/org/members",
      form: () => ({ intent: "invite", email: "m@example.com", role: "supplier_member" }),
    },
    { who: () => supplier, path: () => "/org/tokens", form: () => ({ intent: "create", name: "ERP" }) },
    { who: () => supplier, path: () => "/account", form: () => ({ currentPassword: "x", newPassword: "y" }) },
    {
      who: () => official,
      path: () => "/verification",
      form: () => ({ decision: "rejected", reason: "理由", supplier_ids: supplierId }),
    },
    {
      who: () => official,
      path: () => `/suppliers/${supplierId}`,
      form: () => ({ decision: "rejected", reason: "理由" }),
    },
    {
      who: () => admin,
      path: () => "/admin/organizations",
      form: () => ({ intent: "create", code: "NULOEM", nameZh: "甲汽车", nameEn: "", uscc: "" }),
    },
  ];

  it("in any field of any form never answer 500", async () => {
    const failures: string[] = [];
    for (const f of FORMS) {
      const form = f.form();
      for (const field of [...Object.keys(form), "__key"]) {
        const values = field === "__key" ? { ...form, [`x${NUL}`]: "1" } : { ...form, [field]: `${form[field]}${NUL}` };
        const res = await f.who().post(f.path(), values);
        if (res.status >= 500) failures.push(`${f.path()} ${field}: ${res.status}`);
        else if (res.status === 200 || res.status === 302) {
          // A form that took the value must not have stored it: PostgreSQL would have refused it.
          failures.push(`${f.path()} ${field}: accepted (${res.status})`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("in query strings and path parameters never answer 500", async () => {
    const token = { authorization: `Bearer ${oemToken}` };
    const failures: string[] = [];
    const probes: [HttpClient | null, string][] = [
      [null, `/suppliers?q=${encodeURIComponent(`a${NUL}`)}`],
      [null, `/suppliers?city=${encodeURIComponent(NUL)}&category=${encodeURIComponent(NUL)}`],
      [null, `/suppliers/${encodeURIComponent(NUL)}`],
      [null, `/plants?x=${encodeURIComponent(NUL)}`],
      [null, `/login?redirectTo=${encodeURIComponent(`/${NUL}`)}`],
      [null, `/invite/${encodeURIComponent(NUL)}`],
      [buyer, `/demands/${encodeURIComponent(NUL)}`],
      [buyer, `/demands/${demandId}?whatif=${encodeURIComponent(NUL)}`],
      [buyer, `/dashboard?year=${encodeURIComponent(NUL)}&basis=${encodeURIComponent(NUL)}`],
      [official, `/verification?q=${encodeURIComponent(NUL)}&source=${encodeURIComponent(NUL)}`],
      [official, `/imports/${encodeURIComponent(NUL)}`],
      [official, `/audit?action=${encodeURIComponent(NUL)}`],
      [official, `/dashboard/export.csv?table=${encodeURIComponent(NUL)}`],
      [admin, `/admin/organizations/${encodeURIComponent(NUL)}`],
    ];
    for (const [c, path] of probes) {
      const res = await (c ?? new HttpClient(s.url)).get(path);
      if (res.status >= 500) failures.push(`${path}: ${res.status}`);
    }
    for (const path of [
      `/api/v1/suppliers?q=${encodeURIComponent(`a${NUL}`)}`,
      `/api/v1/suppliers/${encodeURIComponent(NUL)}`,
      `/api/v1/demands/${encodeURIComponent(NUL)}`,
      `/api/v1/ledger/rates?year=${encodeURIComponent(NUL)}`,
      `/api/v1/ledger/entries?year=${encodeURIComponent(NUL)}&cursor=${encodeURIComponent(NUL)}`,
    ]) {
      const res = await fetch(s.url + path, { headers: token });
      if (res.status >= 500) failures.push(`${path}: ${res.status}`);
    }
    expect(failures).toEqual([]);
    const q = await fetch(`${s.url}/api/v1/suppliers?q=${encodeURIComponent(`a${NUL}`)}`, { headers: token });
    expect(q.status).toBe(400);
  });
});
