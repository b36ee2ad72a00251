import { beforeAll, describe, expect, it } from "vitest";
import { makeUscc } from "../../app/domain/uscc";
import { getSupplierProfile } from "../../db/supplier-profiles.server";
import { actorOf } from "../helpers/actors";
import { demoApp, type DemoApp } from "../helpers/demo";
import { HttpClient } from "../helpers/http";

// A click on the profile's map 30 km outside the county the site names is a slip until the
// supplier confirms it: the server refuses it with a field error (issue 14, item 10).

const NANGUAN = 220102; // 长春市 南关区
const signup = {
  nameZh: "南关精密冲压件有限公司",
  uscc: makeUscc(NANGUAN, 4_713),
  displayName: "钱工",
  email: "qian@nanguan.example",
  password: "南关配套测试密码2026",
};

let s: DemoApp;
let c: HttpClient;
let orgId: string;
let seat: { lat: number; lng: number };

beforeAll(async () => {
  s = await demoApp();
  c = new HttpClient(s.url);
  expect((await c.post("/signup", signup)).status).toBe(302);
  expect((await c.post("/login", { email: signup.email, password: signup.password })).status).toBe(302);
  orgId = (await actorOf(s.db, signup.email)).organizationId!;
  seat = await s.db
    .selectFrom("places")
    .select(["seat_lat as lat", "seat_lng as lng"])
    .where("adcode", "=", NANGUAN)
    .executeTakeFirstOrThrow()
    .then((p) => ({ lat: p.lat!, lng: p.lng! }));
});

const form = (lat: number, lng: number, extra: Record<string, string> = {}) => ({
  nameZh: signup.nameZh,
  categories: "D01",
  "site.0.label": "一厂",
  "site.0.adcode": String(NANGUAN),
  "site.0.lat": String(lat),
  "site.0.lng": String(lng),
  "site.0.datum": "wgs84",
  "site.0.precision": "exact",
  ...extra,
});

describe("a site's point against the county it names", () => {
  it("refuses a point outside the county without a confirmation, and saves nothing", async () => {
    // In 吉林市 (Jilin city), about 90 km east of Nanguan.
    const res = await c.post("/profile", form(43.84, 126.55));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("该坐标不在所选区县内");
    expect(html).toContain('name="site.0.outsideOk"');
    const p = (await getSupplierProfile(s.db, orgId))!;
    expect(p.sites.some((x) => Math.abs(x.lng - 126.55) < 1e-6)).toBe(false);
  });

  it("refuses a point 30 km outside too", async () => {
    // 30 km south of the seat of government, beyond the district's southern edge.
    const res = await c.post("/profile", form(seat.lat - 0.5, seat.lng + 0.1));
    expect(res.status).toBe(400);
  });

  it("saves the point outside once the supplier confirms it", async () => {
    const res = await c.post("/profile", form(43.84, 126.55, { "site.0.outsideOk": "1" }));
    expect(res.status).toBe(200);
    const p = (await getSupplierProfile(s.db, orgId))!;
    expect(p.sites).toEqual([expect.objectContaining({ adcode: NANGUAN, lat: 43.84, lng: 126.55 })]);
  });

  it("saves a point inside the county without asking", async () => {
    const res = await c.post("/profile", form(seat.lat, seat.lng));
    expect(res.status).toBe(200);
  });
});
