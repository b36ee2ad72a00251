import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { supplierProfileSchema } from "../../app/domain/supplier-profile";
import { saveSupplierProfile } from "../../app/features/suppliers/profile.server";
import { decideVerification } from "../../app/features/suppliers/verification.server";
import { langCookie } from "../../app/lib/lang.server";
import { getSupplierProfile } from "../../db/supplier-profiles.server";
import { actorOf } from "../helpers/actors";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";
import { ARTIFACTS } from "../helpers/browser";
import { demoApp, type DemoApp } from "../helpers/demo";

let demo: DemoApp;

beforeAll(async () => {
  demo = await demoApp({ browser: true });
}, 120_000);

/** A signed-in official's page at a width and language, collecting console errors and page errors. */
async function officialPage(width: number, lang: "zh" | "en") {
  const context = await demo.browser.newContext({ viewport: { width, height: 900 } });
  const value = (await langCookie.serialize(lang)).split(";")[0]!.split("=")[1]!;
  await context.addCookies([{ name: "lang", value, url: demo.url }]);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`${m.text()} ${m.location().url}`);
  });
  page.on("pageerror", (err) => errors.push(err.message));
  await page.goto(`${demo.url}/login`);
  await page.fill('input[name="email"]', "official@demo.peitao.example");
  await page.fill('input[name="password"]', DEMO_PASSWORD);
  await page.click('button[type="submit"].primary');
  await page.waitForSelector('[data-testid="account-link"]', { state: "attached" });
  return { page, errors, close: () => context.close() };
}

const queueIds = (page: Page) =>
  page.locator('[data-testid="queue-item"]').evaluateAll((els) => els.map((el) => el.getAttribute("data-supplier-id")));

describe("the verification queue in a browser", () => {
  it("an official ticks three pending suppliers, verifies them with a reason, and they leave the queue", async () => {
    const { page, errors, close } = await officialPage(1366, "zh");
    const before = Number(await page.textContent('[data-testid="pending-suppliers"]'));
    expect(before).toBeGreaterThan(3);
    await page.click('[data-testid="verification-link"]');
    await page.waitForURL(`${demo.url}/verification`);
    await page.waitForSelector('h1:has-text("供应商审核队列")');
    // Hydrated: the selection count answers a click.
    await page.locator('[data-testid="queue-check"]').first().click();
    await page.waitForSelector('[data-testid="selected-count"]:has-text("已选 1 家")');
    await page.locator('[data-testid="queue-check"]').first().click();

    const chosen = (await queueIds(page)).slice(0, 3) as string[];
    for (const id of chosen) await page.click(`[data-supplier-id="${id}"] [data-testid="queue-check"]`);
    expect(await page.textContent('[data-testid="selected-count"]')).toContain("已选 3 家");
    await page.fill('[data-testid="queue-reason"]', "营业执照与现场核实一致");
    await page.click('[data-testid="verify-selected"]');
    await page.waitForSelector('[data-testid="queue-done"]');
    expect(await page.textContent('[data-testid="queue-done"]')).toContain("已通过 3 家供应商");

    const after = await queueIds(page);
    for (const id of chosen) expect(after).not.toContain(id);
    expect(await page.textContent('[data-testid="selected-count"]')).toContain("已选 0 家");
    expect(await page.inputValue('[data-testid="queue-reason"]')).toBe("");
    expect(Number(await page.textContent('[data-testid="pending-suppliers"]'))).toBe(before - 3);
    const rows = await demo.db
      .selectFrom("organizations")
      .select(["verification_status", "verification_reason"])
      .where("id", "in", chosen)
      .execute();
    expect(rows).toEqual(
      chosen.map(() => ({ verification_status: "verified", verification_reason: "营业执照与现场核实一致" })),
    );
    await page.screenshot({ path: `${ARTIFACTS}/verification-done-zh-1366.png`, fullPage: false });
    expect(errors).toEqual([]);
    await close();
  });

  it("select all ticks the page; rejecting without a reason says so and decides nothing", async () => {
    const { page, errors, close } = await officialPage(1366, "en");
    await page.goto(`${demo.url}/verification?per_page=10`);
    await page.waitForSelector('h1:has-text("Supplier verification queue")');
    await page.locator('[data-testid="queue-check"]').first().click();
    await page.waitForSelector('[data-testid="selected-count"]:has-text("1 selected")');
    await page.click('[data-testid="select-all"]');
    expect(await page.textContent('[data-testid="selected-count"]')).toContain("10 selected");
    const ids = (await queueIds(page)) as string[];
    await page.click('[data-testid="reject-selected"]');
    await page.waitForSelector('.field-error:has-text("Give a reason to reject.")');
    expect(await queueIds(page)).toEqual(ids);
    const decided = await demo.db
      .selectFrom("organizations")
      .select("id")
      .where("id", "in", ids)
      .where("verification_status", "!=", "pending")
      .execute();
    expect(decided).toEqual([]);
    await page.click('[data-testid="select-all"]');
    expect(await page.textContent('[data-testid="selected-count"]')).toContain("0 selected");
    // The refused submission's 400 (the app's answer to a form with field errors) is the only message.
    expect(
      errors.filter((e) => !/status of 400 .*\/verification\?per_page=10&_data=routes%2Fverification$/.test(e)),
    ).toEqual([]);
    await close();
  });

  it("shows what changed since a supplier was rejected, and what it still lacks", async () => {
    const deps = { db: demo.db, search: demo.search, ip: null };
    const official = await actorOf(demo.db, "official@demo.peitao.example");
    const supplier = await actorOf(demo.db, "supplier-admin@demo.peitao.example");
    const id = supplier.organizationId;
    await decideVerification(deps, official, { supplierId: id, decision: "rejected", reason: "请补充资质证书" });
    const current = (await getSupplierProfile(demo.db, id))!;
    await saveSupplierProfile(deps, supplier, {
      ...supplierProfileSchema.parse({
        ...current,
        contactPhone: "0431-88886666",
        certifications: [{ kind: "IATF16949", name: "", validUntil: "2029-06-30" }],
      }),
      confirmDuplicate: true,
    });
    for (const [lang, text] of [
      ["zh", "驳回后的变更"],
      ["en", "Changed since it was rejected"],
    ] as const) {
      const { page, errors, close } = await officialPage(1366, lang);
      await page.goto(`${demo.url}/verification?q=${encodeURIComponent(current.nameZh)}`);
      const item = page.locator(`[data-supplier-id="${id}"]`);
      await item.waitFor();
      expect(await item.locator('[data-testid="queue-history"]').getAttribute("data-kind")).toBe("decided");
      expect(await item.locator('[data-testid="queue-history"]').textContent()).toContain(text);
      const changed = await item
        .locator("[data-change]")
        .evaluateAll((els) => els.map((e) => e.getAttribute("data-change")));
      expect(changed).toEqual(expect.arrayContaining(["contact", "certifications"]));
      await page.screenshot({ path: `${ARTIFACTS}/verification-history-${lang}-1366.png`, fullPage: true });
      expect(errors).toEqual([]);
      await close();
    }
  });

  for (const width of [1366, 390])
    for (const lang of ["zh", "en"] as const)
      it(`looks right at ${width} px in ${lang}`, async () => {
        const { page, errors, close } = await officialPage(width, lang);
        await page.goto(`${demo.url}/verification?per_page=10`);
        await page.waitForSelector('[data-testid="queue-item"]');
        await page.locator('[data-testid="queue-check"]').nth(1).click();
        await page.waitForSelector(
          `[data-testid="selected-count"]:has-text("${lang === "zh" ? "已选 1 家" : "1 selected"}")`,
        );
        // Nothing wider than the window.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `${ARTIFACTS}/verification-${lang}-${width}.png`, fullPage: true });
        expect(errors).toEqual([]);
        await close();
      });
});
