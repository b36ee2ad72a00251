import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { signUpSupplier } from "../../app/features/accounts/sign-up.server";
import { createMailer } from "../../app/features/mail/mailer.server";
import { drainMail } from "../../app/features/mail/worker.server";
import { makeUscc } from "../../app/domain/uscc";
import { serveApp, defaultSettings, until } from "../helpers/app";
import { ARTIFACTS, launchBrowser } from "../helpers/browser";
import { readMails, resetLinkIn } from "../helpers/mail";
import { testServices, type TestServices } from "../helpers/services";

let s: TestServices;
let browser: Browser;
let app: Awaited<ReturnType<typeof serveApp>>;
let dir: string;

beforeAll(async () => {
  s = await testServices({ reconcile: false });
  app = await serveApp({ db: s.db, search: s.search, ...defaultSettings() });
  browser = await launchBrowser();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "peitao-mail-e2e-"));
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("忘记密码 in a browser", () => {
  it("asks for a link on the sign-in page, opens it from the .eml file, sets a new password and signs in with it", async () => {
    const email = "wang.reset@example.com";
    const created = await signUpSupplier(
      { db: s.db, search: s.search, ip: null },
      {
        nameZh: "吉林浏览器重置测试汽车部件有限公司",
        nameEn: undefined,
        uscc: makeUscc(220101, 9201),
        displayName: "王工",
        email,
        password: "吉林配套旧密码-浏览器-2026",
      },
    );
    expect(created.created).toBe(true);

    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`${m.text()} ${m.location().url}`);
    });
    page.on("pageerror", (err) => errors.push(err.message));

    await page.goto(`${app.url}/`);
    await page.click('[data-testid="sign-in-link"]');
    await page.waitForURL(/\/login/);
    await page.click("text=忘记密码");
    await page.waitForURL(`${app.url}/forgot-password`);
    await page.fill('input[name="email"]', email);
    await page.click('button[type="submit"].primary');
    await page.waitForSelector('[data-testid="reset-sent"]');
    expect(await page.textContent('[data-testid="reset-sent"]')).toContain("如果该邮箱有账号");
    await page.screenshot({ path: `${ARTIFACTS}/forgot-password-sent.png`, fullPage: true });

    // The worker writes the e-mail; the link is read out of the .eml file.
    const mailer = createMailer({ from: "配套 Peitao <noreply@peitao.localhost>", dir });
    await until(async () => {
      await drainMail(s.db, mailer, { publicUrl: app.url });
      return readMails(dir).some((m) => m.to.includes(email));
    });
    const link = resetLinkIn(dir, email);
    await page.goto(link);
    await page.waitForSelector('h1:has-text("设置新密码")');
    await page.fill('input[name="password"]', "吉林配套新密码-浏览器-2026");
    await page.screenshot({ path: `${ARTIFACTS}/reset-password-form.png`, fullPage: true });
    await page.click('button[type="submit"].primary');
    await page.waitForURL(`${app.url}/login?reset=1`);
    expect(await page.textContent('[data-testid="reset-notice"]')).toContain("密码已重置");

    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', "吉林配套新密码-浏览器-2026");
    await page.click('button[type="submit"].primary');
    await page.waitForSelector('[data-testid="account-link"]');
    // A new supplier lands on its first steps, none done yet.
    await page.waitForSelector('[data-testid="first-steps"]');
    expect(await page.locator('[data-testid^="first-step-"][data-done="false"]').count()).toBe(4);
    await page.screenshot({ path: `${ARTIFACTS}/first-steps-home.png`, fullPage: true });

    // The e-mail preferences on the account page.
    await page.click('[data-testid="account-link"]');
    await page.waitForSelector('[data-testid="mail-prefs"]');
    await page.uncheck('input[name="email"][value="demand_fits"]');
    await page.click('[data-testid="mail-prefs"] button[type="submit"]');
    await page.waitForSelector('[data-testid="mail-prefs-saved"]');
    expect(await page.isChecked('input[name="email"][value="demand_fits"]')).toBe(false);
    await page.screenshot({ path: `${ARTIFACTS}/account-mail-preferences.png`, fullPage: true });

    expect(errors).toEqual([]);
    // The link works once: opened again it says so (answered 410 Gone, which Chromium logs).
    await page.goto(link);
    await page.waitForSelector('[data-testid="reset-link-state"][data-state="used"]');
    expect(await page.textContent('[data-testid="reset-link-state"]')).toContain("已经使用过了");
    await context.close();
  });
});
