import { beforeAll, describe, expect, it } from "vitest";
import { chinaDay } from "../../app/domain/dates";
import { DomainError } from "../../app/domain/errors";
import { destination } from "../../app/domain/map-projection";
import type { Actor } from "../../app/domain/policy";
import type { Deps } from "../../app/features/deps.server";
import { saveSupplierProfile } from "../../app/features/suppliers/profile.server";
import { langCookie } from "../../app/lib/lang.server";
import { createApiToken } from "../../db/api-tokens.server";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";
import { enqueueSearchSync } from "../../db/outbox.server";
import { getSupplierProfile } from "../../db/supplier-profiles.server";
import { findUserByEmail } from "../../db/users.server";
import { searchDirectory } from "../../search/directory.server";
import { rankForDemand } from "../../search/ranking.server";
import { drainOutbox } from "../../search/sync.server";
import { actorOf } from "../helpers/actors";
import { until } from "../helpers/app";
import { demoApp, type DemoApp } from "../helpers/demo";
import { HttpClient } from "../helpers/http";

// Issue 14, item 12 and the certificate part of item 5: with a plant chosen the directory
// lists nearest first and the words only narrow the list; a refused filter value is named,
// never dropped; an expired certificate is never shown or counted as valid.

let s: DemoApp;
let deps: Deps;
let token: string;
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
// OEM05 (Audi FAW NEV, 长春) stands at 43.8, 125.18 in the reference data.
const plant = { lat: 43.8, lng: 125.18 };
// The farthest supplier has the word in its name (the strongest attribute), the nearer
// ones in their products only: text relevance would list the farthest first.
const placed = [
  { n: 1, km: 30, nameEn: "Zorblex Precision", productsEn: "castings", certs: [] as Cert[] },
  { n: 2, km: 5, nameEn: "Kestrel Parts One", productsEn: "zorblex housings", certs: [] as Cert[] },
  {
    n: 3,
    km: 20,
    nameEn: "Kestrel Parts Two",
    productsEn: "zorblex brackets",
    certs: [{ kind: "IATF16949", valid_until: "2020-06-30" }] as Cert[],
  },
  {
    n: 4,
    km: 12,
    nameEn: "Kestrel Parts Three",
    productsEn: "zorblex covers",
    certs: [{ kind: "IATF16949", valid_until: "2099-12-31" }] as Cert[],
  },
];
type Cert = { kind: "IATF16949"; valid_until: string };

beforeAll(async () => {
  s = await demoApp();
  deps = { db: s.db, search: s.search, ip: null };
  const buyer = (await findUserByEmail(s.db, "buyer@demo.peitao.example"))!;
  token = (await createApiToken(s.db, buyer.organization_id, "SRM", buyer.id)).token;
  await s.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("organizations")
      .values(
        placed.map((p) => ({
          id: id(p.n),
          kind: "supplier" as const,
          name_zh: `序测供应商${p.n}号`,
          name_en: p.nameEn,
          verification_status: "pending" as const,
        })),
      )
      .execute();
    await trx
      .insertInto("supplier_profiles")
      .values(placed.map((p) => ({ supplier_id: id(p.n), products_en: p.productsEn })))
      .execute();
    await trx
      .insertInto("supplier_sites")
      .values(
        placed.map((p) => {
          const at = destination(plant, p.km, 40 + p.n * 70);
          return { supplier_id: id(p.n), adcode: 220106, lat: at.lat, lng: at.lng, is_primary: true };
        }),
      )
      .execute();
    await trx
      .insertInto("supplier_categories")
      .values(placed.map((p) => ({ supplier_id: id(p.n), category_code: "E01" })))
      .execute();
    await trx
      .insertInto("supplier_certifications")
      .values(placed.flatMap((p) => p.certs.map((c) => ({ supplier_id: id(p.n), ...c }))))
      .execute();
    await enqueueSearchSync(
      trx,
      "supplier",
      placed.map((p) => id(p.n)),
    );
  });
  while ((await drainOutbox(s.db, s.search, 1000)).processed > 0);
  // The demo's own outbox worker may hold the rows: wait until all four are searchable.
  await until(
    async () => (await searchDirectory(s.search, { q: "zorblex", page: 1, perPage: 20 })).total === placed.length,
    15_000,
    "the placed suppliers in the index",
  );
});

const distancesOf = (html: string) =>
  [...html.matchAll(/data-testid="hit-distance">([\d.]+)/g)].map((m) => Number(m[1]));
const api = (query: string) =>
  fetch(`${s.url}/api/v1/suppliers?${query}`, { headers: { authorization: `Bearer ${token}` } });

describe("the directory with a plant and a query", () => {
  it("lists the page's results nearest first, the words only narrowing them, and says so", async () => {
    const res = await new HttpClient(s.url).get("/suppliers?q=zorblex&plant=OEM05&radius_km=100");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(distancesOf(html)).toEqual([5, 12, 20, 30]);
    expect(html).toContain("按距离排序，关键词仅用于筛选");
    const en = await new HttpClient(s.url).get("/suppliers?q=zorblex&plant=OEM05&radius_km=100", {
      cookie: await langCookie.serialize("en"),
    });
    expect(await en.text()).toContain("Ordered by distance; the search words only narrow the list");
  });

  it("answers the API nearest first too, and only what the words match", async () => {
    const res = await api("q=zorblex&plant=OEM05&radius_km=100");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { total: number; hits: { id: string; distance_km: number }[] };
    expect(body.total).toBe(4);
    expect(body.hits.map((h) => h.distance_km)).toEqual([5, 12, 20, 30]);
    expect(body.hits.map((h) => h.id)).toEqual([id(2), id(4), id(3), id(1)]);
    // The words still narrow: a word none has finds none.
    const none = (await (await api("q=zorblex%20quuxly&plant=OEM05")).json()) as { total: number };
    expect(none.total).toBe(0);
  });
});

describe("a refused filter value", () => {
  const bad: [string, string, string][] = [
    ["category=Z99", "category", "品类"],
    ["category=E1", "category", "品类"],
    ["group=Q", "group", "品类大类"],
    ["city=999999", "city", "城市"],
    ["city=abc", "city", "城市"],
    ["certification=FOO9000", "certification", "资质认证"],
    ["plant=NOPE99", "plant", "距离工厂"],
    ["plant=OEM05&radius_km=abc", "radius_km", "半径"],
  ];

  it("is named on the page, which lists nothing rather than everything", async () => {
    for (const [query, , label] of bad) {
      const res = await new HttpClient(s.url).get(`/suppliers?q=zorblex&${query}`);
      expect(res.status, query).toBe(400);
      const html = await res.text();
      expect(html, query).toContain('data-testid="invalid-filters"');
      expect(html, query).toMatch(new RegExp(`以下筛选条件无效，未显示结果：[^<]*${label}`));
      expect(html, query).not.toContain('data-testid="supplier-hit"');
    }
    // Every refused field is named at once, not only the first.
    const two = await (await new HttpClient(s.url).get("/suppliers?category=Z99&group=Q&plant=NOPE99")).text();
    expect(two).toMatch(/以下筛选条件无效，未显示结果：品类、品类大类、距离工厂。/);
    // The same query without the bad value lists its suppliers.
    const ok = await new HttpClient(s.url).get("/suppliers?q=zorblex");
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('data-testid="supplier-hit"');
  });

  it("is answered 400 by the API, naming the field", async () => {
    for (const [query, field] of bad) {
      const res = await api(`q=zorblex&${query}`);
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { fields: Record<string, string> };
      expect(Object.keys(body.fields), query).toContain(field);
    }
  });
});

describe("expired certificates", () => {
  it("do not count for the certification filter, in the page, the API and the ranking", async () => {
    const res = await api("q=zorblex&certification=IATF16949");
    const body = (await res.json()) as { hits: { id: string; certifications: string[] }[] };
    expect(body.hits.map((h) => h.id)).toEqual([id(4)]);
    const all = (await (await api("q=zorblex&plant=OEM05")).json()) as typeof body;
    expect(all.hits.find((h) => h.id === id(3))!.certifications).toEqual([]);
    expect(
      (await (await new HttpClient(s.url).get("/suppliers?q=zorblex&certification=IATF16949")).text()).match(
        /data-testid="supplier-hit"/g,
      ),
    ).toHaveLength(1);
    const ranked = await rankForDemand(
      s.search,
      { category: "E01", requiredCerts: ["IATF16949"] },
      { code: "OEM05" },
      25,
      { limit: 50, minInside: 0 },
    );
    expect(ranked.inside.map((h) => h.supplier_id)).toContain(id(4));
    expect(ranked.inside.map((h) => h.supplier_id)).not.toContain(id(3));
  });

  it("stop counting on the day after their end date, without re-indexing", async () => {
    // The document was written while the 2099 certificate was valid; searched as of 2100 it has expired.
    const later = await searchDirectory(s.search, {
      q: "zorblex",
      certification: "IATF16949",
      today: "2100-01-01",
      page: 1,
      perPage: 20,
    });
    expect(later.total).toBe(0);
    const onTheDay = await searchDirectory(s.search, {
      q: "zorblex",
      certification: "IATF16949",
      today: "2099-12-31",
      page: 1,
      perPage: 20,
    });
    expect(onTheDay.hits.map((h) => h.supplier_id)).toEqual([id(4)]);
  });

  it("are shown as expired on the supplier page, in the API and in the officials' queue", async () => {
    const page = await (await new HttpClient(s.url).get(`/suppliers/${id(3)}`)).text();
    expect(page).toContain('data-testid="cert-expired"');
    expect(page).toContain("已于 2020-06-30 过期");
    const valid = await (await new HttpClient(s.url).get(`/suppliers/${id(4)}`)).text();
    expect(valid).not.toContain('data-testid="cert-expired"');
    expect(valid).toContain("有效期至 2099-12-31");

    const detail = (await (
      await fetch(`${s.url}/api/v1/suppliers/${id(3)}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { certifications: { expired: boolean }[] };
    expect(detail.certifications).toEqual([{ kind: "IATF16949", name: "", valid_until: "2020-06-30", expired: true }]);

    const official = new HttpClient(s.url);
    await official.post("/login", { email: "official@demo.peitao.example", password: DEMO_PASSWORD });
    const queue = await (await official.get(`/verification?q=${encodeURIComponent("序测供应商3号")}`)).text();
    expect(queue).toContain("序测供应商3号");
    expect(queue).toContain('data-testid="cert-expired"');
  });
});

describe("saving a profile with an expired certificate", () => {
  let supplierId: string;
  let supplier: Actor;
  beforeAll(async () => {
    supplierId = (await findUserByEmail(s.db, "supplier-admin@demo.peitao.example"))!.organization_id;
    supplier = await actorOf(s.db, "supplier-admin@demo.peitao.example");
  });
  const form = {
    nameZh: "长春序测压铸有限公司",
    categories: "E01",
    "site.0.adcode": "220106",
    "site.0.lat": "43.83",
    "site.0.lng": "125.2",
    confirmDuplicate: "1",
  };

  it("refuses it in the form with a field error, changing nothing", async () => {
    const c = new HttpClient(s.url);
    await c.post("/login", { email: "supplier-admin@demo.peitao.example", password: DEMO_PASSWORD });
    const before = await getSupplierProfile(s.db, supplierId);
    const yesterday = chinaDay(new Date(Date.now() - 86_400_000));
    const res = await c.post("/profile", {
      ...form,
      "cert.0.kind": "ISO9001",
      "cert.0.validUntil": "2099-01-01",
      "cert.1.kind": "IATF16949",
      "cert.1.validUntil": yesterday,
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("该证书已过期");
    expect(await getSupplierProfile(s.db, supplierId)).toEqual(before);
    // Today is still valid.
    const ok = await c.post("/profile", {
      ...form,
      "cert.0.kind": "IATF16949",
      "cert.0.validUntil": chinaDay(new Date()),
    });
    expect(ok.status).toBe(200);
  });

  it("keeps a stored certificate that expired since, so that other edits still save; the profile marks it", async () => {
    await s.db.deleteFrom("supplier_certifications").where("supplier_id", "=", supplierId).execute();
    await s.db
      .insertInto("supplier_certifications")
      .values({ supplier_id: supplierId, kind: "ISO14001", valid_until: "2021-03-31" })
      .execute();
    const current = (await getSupplierProfile(s.db, supplierId))!;
    const input = {
      ...current,
      productsEn: "die castings",
      confirmDuplicate: true,
      certifications: current.certifications,
    };
    await expect(saveSupplierProfile(deps, supplier, input as never)).resolves.toEqual({ saved: true });
    // A new expired one is refused by the use case too.
    await expect(
      saveSupplierProfile(deps, supplier, {
        ...input,
        certifications: [...current.certifications, { kind: "ISO9001", name: "", validUntil: "2022-01-01" }],
      } as never),
    ).rejects.toEqual(new DomainError("certificate_expired", "certifications.1.validUntil"));
    const c = new HttpClient(s.url);
    await c.post("/login", { email: "supplier-admin@demo.peitao.example", password: DEMO_PASSWORD });
    const profile = await (await c.get("/profile")).text();
    expect(profile).toContain('data-testid="cert-expired"');
    expect(profile).toContain("已于 2021-03-31 过期");
  });
});
