import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";
import { seedDemoIfEmpty } from "../../app/features/demo/seed-demo.server";
import { serveApp, defaultSettings } from "../helpers/app";
import { ARTIFACTS, launchBrowser } from "../helpers/browser";
import { testServices } from "../helpers/services";

let browser: Browser;
let app: Awaited<ReturnType<typeof serveApp>>;

beforeAll(async () => {
  const s = await testServices();
  await seedDemoIfEmpty(s.db);
  app = await serveApp({ db: s.db, search: s.search, ...defaultSettings() });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe("accounts in a browser", () => {
  it("signs up a supplier organization, signs out, and signs in as an official", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/signup`);
    await page.fill('input[name="nameZh"]', "吉林市浏览器测试汽车部件有限公司");
    await page.fill('input[name="uscc"]', "9144030071526726XH"); // wrong check character first
    await page.fill('input[name="displayName"]', "刘工");
    await page.fill('input[name="email"]', "liu@example.com");
    await page.fill('input[name="password"]', "吉林配套浏览器测试-2026");
    await page.click('button[type="submit"].primary');
    await page.waitForSelector("#f-uscc-error");
    expect(await page.textContent("#f-uscc-error")).toContain("校验位不正确");
    await page.screenshot({ path: `${ARTIFACTS}/signup-error.png`, fullPage: true });

    await page.fill('input[name="uscc"]', "9144030071526726XG");
    await page.fill('input[name="password"]', "吉林配套浏览器测试-2026");
    await page.click('button[type="submit"].primary');
    // The same answer whether the e-mail was registered or not: sign in with what you entered.
    await page.waitForURL(`${app.url}/login?registered=1`);
    expect(await page.textContent('[data-testid="registered-notice"]')).toContain("请用刚才填写的邮箱和密码登录");
    await page.screenshot({ path: `${ARTIFACTS}/signup-registered.png`, fullPage: true });
    await page.fill('input[name="email"]', "liu@example.com");
    await page.fill('input[name="password"]', "吉林配套浏览器测试-2026");
    await page.click('button[type="submit"].primary');
    await page.waitForURL(`${app.url}/`);
    await page.goto(`${app.url}/account`);
    expect(await page.textContent('[data-testid="signed-in-as"]')).toContain("刘工");
    expect(await page.textContent('[data-testid="signed-in-as"]')).toContain("供应商管理员");

    await page.click('[data-testid="sign-out"]');
    await page.waitForSelector('[data-testid="sign-in-link"]');
    await page.click('[data-testid="sign-in-link"]');
    await page.fill('input[name="email"]', "official@demo.peitao.example");
    await page.fill('input[name="password"]', DEMO_PASSWORD);
    await page.click('button[type="submit"].primary');
    await page.waitForSelector('[data-testid="account-link"]');
    expect(await page.textContent('[data-testid="account-link"]')).toContain("主管部门人员");
    await page.click('[data-testid="nav-more"]'); // the audit log is under 更多 (more)
    await page.click('nav[aria-label="main"] >> text=审计日志');
    await page.waitForURL(`${app.url}/audit`);
    await page.waitForSelector('h1:has-text("审计日志")');
    await page.waitForSelector('[data-testid="audit-row"]');
    const cells = page.locator('[data-testid="audit-row"] [data-action]');
    const actions = await cells.evaluateAll((tds) => tds.map((td) => td.getAttribute("data-action")));
    expect(actions).toContain("sign_up");
    expect(actions).toContain("sign_in");
    // Each action is shown by its message, never by its code.
    const texts = await cells.allTextContents();
    expect(texts).toContain("供应商注册");
    expect(texts).toContain("登录");
    expect(texts.some((text) => /^[a-z_]+$/.test(text))).toBe(false);
    await page.screenshot({ path: `${ARTIFACTS}/audit-official.png`, fullPage: true });
  });
});
