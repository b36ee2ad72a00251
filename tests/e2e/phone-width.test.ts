import { beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS } from "../helpers/browser";
import { EVERY_ROLE, openSession, shotName, signIn, walk, type Lang } from "../helpers/click-through";
import { demoApp, type DemoApp } from "../helpers/demo";

/**
 * Issue 14, point 6: on a 390 px phone no page scrolls sideways. Every demo role, in both
 * languages, opens the header's menu and clicks each of its links and the links of each
 * page it reaches; on every page `document.documentElement.scrollWidth` must not exceed
 * its `clientWidth` (a wide table scrolls inside its own box or turns into cards).
 */

let demo: DemoApp;
beforeAll(async () => {
  demo = await demoApp({ browser: true });
}, 120_000);

describe("pages on a 390 px phone", () => {
  for (const lang of ["zh", "en"] as Lang[]) {
    for (const who of EVERY_ROLE) {
      it(`${who} (${lang}): no page is wider than the screen`, async () => {
        const s = await openSession(demo.browser, demo.url, { width: 390, height: 844 });
        const wide: string[] = [];
        try {
          await signIn(s, demo.url, who, lang);
          // The menu is folded: the header's links are hidden until its button is pressed.
          expect(await s.page.isVisible("[data-menu-toggle]")).toBe(true);
          expect(await s.page.isVisible('nav[aria-label="main"]')).toBe(false);
          const shot = new Set<string>();
          const visited = await walk(s, demo.url, {
            depth: 2,
            onPage: async (page, url) => {
              const { scrollWidth, clientWidth } = await page.evaluate(() => ({
                scrollWidth: document.documentElement.scrollWidth,
                clientWidth: document.documentElement.clientWidth,
              }));
              const path = new URL(url).pathname;
              if (scrollWidth > clientWidth) {
                wide.push(`${url.replace(demo.url, "")}: ${scrollWidth} > ${clientWidth}`);
                await page.screenshot({
                  path: `${ARTIFACTS}/phone-wide-${who}-${lang}${path.replace(/\//g, "-")}.png`,
                  fullPage: true,
                });
              } else if (shotName(path) && !shot.has(shotName(path)!)) {
                shot.add(shotName(path)!);
                await page.screenshot({
                  path: `${ARTIFACTS}/phone-${who}-${lang}-${shotName(path)}.png`,
                  fullPage: true,
                });
              }
            },
          });
          expect(visited.length).toBeGreaterThan(3);
          expect(wide, `pages wider than 390 px for ${who} (${lang})`).toEqual([]);
          expect(s.problems).toEqual([]);
        } finally {
          await s.context.close();
        }
      }, 150_000);
    }
  }
});
