import fs from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";

/** Debian's Chromium (apt-get install chromium), headless, with no network chatter. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export const ARTIFACTS = "tests/.artifacts";
fs.mkdirSync(ARTIFACTS, { recursive: true });

/**
 * Clicks a header link or button as a person would: on a narrow screen the menu button first, then the
 * 更多 (More) group when the link is folded into it.
 */
export async function clickHeaderLink(page: Page, selector: string) {
  const target = page.locator(selector).first();
  if (!(await target.isVisible())) {
    const toggle = page.locator("[data-menu-toggle]");
    if (await toggle.isVisible()) await toggle.click();
  }
  if (!(await target.isVisible())) {
    const more = page.locator('[data-testid="nav-more"]');
    if (await more.isVisible()) await more.click();
  }
  await target.click();
}
