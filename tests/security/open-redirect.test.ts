import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";
import { demoApp, type DemoApp } from "../helpers/demo";
import { HttpClient } from "../helpers/http";

// Issue 13, finding 3: `/login?redirectTo=%2F%5Cevil.example` landed on evil.example in
// Chromium after signing in, with or without JavaScript, and `/lang` took the same value.
// Every redirect that takes the reader's input must stay on this site.

let s: DemoApp;
beforeAll(async () => {
  s = await demoApp({ browser: true });
});
const login = { email: "buyer@demo.peitao.example", password: DEMO_PASSWORD };

/** Values that a browser reads as another site, a script, or that smuggle one in. */
const HOSTILE = [
  "/\\evil.example",
  "/\\/evil.example",
  "\\\\evil.example",
  "//evil.example",
  "///evil.example",
  "/%5Cevil.example",
  "https://evil.example/",
  "http:evil.example",
  "javascript:alert(1)",
  "/\t/evil.example",
  "/\r\n/evil.example",
  " //evil.example",
  "/%09/evil.example",
  "evil.example",
];

/** Where a browser goes with this Location header, relative to the app. */
const landing = (location: string | null) => new URL(location ?? "", s.url);

describe("redirects that take the reader's input", () => {
  it("after sign-in stay on this site for every hostile redirectTo", async () => {
    for (const redirectTo of HOSTILE) {
      const res = await new HttpClient(s.url).post("/login", { ...login, redirectTo });
      expect(res.status, redirectTo).toBe(302);
      const to = landing(res.headers.get("location"));
      expect(to.origin, `${redirectTo} → ${res.headers.get("location")}`).toBe(new URL(s.url).origin);
    }
  });

  it("after a language switch stay on this site for every hostile redirectTo", async () => {
    for (const redirectTo of HOSTILE) {
      const res = await new HttpClient(s.url).post("/lang", { lang: "en", redirectTo });
      // Refused as a field error, or sent home: never elsewhere.
      if (res.status === 302)
        expect(landing(res.headers.get("location")).origin, redirectTo).toBe(new URL(s.url).origin);
      else expect(res.status, redirectTo).toBe(400);
    }
  });

  it("keep a local path with its query", async () => {
    const res = await new HttpClient(s.url).post("/login", { ...login, redirectTo: "/demands?x=1" });
    expect(res.headers.get("location")).toBe("/demands?x=1");
    const lang = await new HttpClient(s.url).post("/lang", { lang: "en", redirectTo: "/suppliers?q=a" });
    expect(lang.headers.get("location")).toBe("/suppliers?q=a");
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`in Chromium ${javaScriptEnabled ? "with" : "without"} JavaScript, /login?redirectTo=%2F%5Cevil.example lands on this site`, async () => {
      const context = await s.browser.newContext({ javaScriptEnabled });
      const offsite: string[] = [];
      // Any request that leaves the app is answered here, so a redirect off-site shows at once.
      await context.route(
        (url) => url.origin !== new URL(s.url).origin,
        (route) => {
          offsite.push(route.request().url());
          return route.fulfill({ status: 200, contentType: "text/html", body: "<h1>evil</h1>" });
        },
      );
      const page = await context.newPage();
      await page.goto(`${s.url}/login?redirectTo=%2F%5Cevil.example`);
      await page.fill('input[name="email"]', login.email);
      await page.fill('input[name="password"]', login.password);
      await Promise.all([
        page.waitForURL((url) => !url.pathname.startsWith("/login")),
        page.click('button[type="submit"].primary'),
      ]);
      await page.waitForLoadState("load");
      expect(new URL(page.url()).origin).toBe(new URL(s.url).origin);
      expect(offsite).toEqual([]);
      await context.close();
    });
  }
});
