import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";
import { demoApp, type DemoApp } from "../helpers/demo";
import { HttpClient } from "../helpers/http";

let s: DemoApp;
beforeAll(async () => {
  s = await demoApp();
});

/** The gap list's CSV as the official downloads it in one language (session and language cookies). */
async function gapsCsv(lang: "zh" | "en") {
  const c = new HttpClient(s.url);
  expect((await c.post("/login", { email: "official@demo.peitao.example", password: DEMO_PASSWORD })).status).toBe(302);
  const switched = await c.post("/lang", { lang, redirectTo: "/" });
  const langCookie = switched.headers.getSetCookie()[0]!.split(";")[0]!;
  const res = await c.get("/dashboard/export.csv?table=gaps", { cookie: `${c.cookie}; ${langCookie}` });
  expect(res.status).toBe(200);
  return res.text();
}

describe("gap list (缺链清单)", () => {
  it("names the nearest suppliers outside the circle in the page's language", async () => {
    const [en, zh] = [await gapsCsv("en"), await gapsCsv("zh")];
    // The demo's sample suppliers have English names ("… (sample)") and Chinese ones ("…（示例）").
    expect(zh).toMatch(/有限公司（示例） \([\d.]+ km\)/);
    expect(en).toMatch(/Co\., Ltd\. \(sample\) \([\d.]+ km\)/);
    expect(en).not.toMatch(/有限公司（示例）/); // (demo demands keep （示例） in their part names)
  });
});

describe("lists on English pages", () => {
  it("join with the language's separators, not Chinese punctuation", async () => {
    const c = new HttpClient(s.url);
    const switched = await c.post("/lang", { lang: "en", redirectTo: "/" });
    const langCookie = switched.headers.getSetCookie()[0]!.split(";")[0]!;
    // A sample supplier with several categories: its page lists them.
    const supplier = await s.db
      .selectFrom("supplier_categories")
      .select("supplier_id")
      .groupBy("supplier_id")
      .having((eb) => eb.fn.countAll(), ">", 1)
      .executeTakeFirstOrThrow();
    const html = await (await c.get(`/suppliers/${supplier.supplier_id}`, { cookie: langCookie })).text();
    const dd = html.match(/<dd>([A-Z]\d{2} [^<]*)<\/dd>/)?.[1] ?? "";
    expect(dd).toMatch(/^[A-Z]\d{2} .+, [A-Z]\d{2} /);
    expect(dd).not.toContain("、");
  });
});
