import { beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS } from "../helpers/browser";
import {
  EVERY_ROLE,
  MUST_REACH,
  openSession,
  reached,
  shotName,
  signIn,
  walk,
  type Lang,
} from "../helpers/click-through";
import { demoApp, type DemoApp } from "../helpers/demo";

/**
 * Issue 14, the guard for points 1 and 2: every demo role, in Chinese and in English,
 * signs in by clicking, clicks every link of the header and the links and read-only forms
 * of each page it reaches (two clicks deep, one page of each kind), in a German browser in
 * New York; not one uncaught error, console error, hydration warning, answer of 400 or
 * more or failed request. A dashboard whose module fails to load in the browser (Remix's
 * "Error loading route module") is a console error here. The pages of MUST_REACH (the
 * official's chain map, its investment-attraction guide and the new entrants) are reached
 * by clicking, each kept as a screenshot in tests/.artifacts; a crashed page is a problem.
 */

let demo: DemoApp;
beforeAll(async () => {
  demo = await demoApp({ browser: true });
}, 120_000);

const WHO = process.env.WALK_WHO ? EVERY_ROLE.filter((w) => w === process.env.WALK_WHO) : EVERY_ROLE;

describe("clicking through every role's pages", () => {
  for (const lang of ["zh", "en"] as Lang[]) {
    for (const who of WHO) {
      it(`${who} (${lang})`, async () => {
        const s = await openSession(demo.browser, demo.url, { width: 1366, height: 900 });
        try {
          await signIn(s, demo.url, who, lang);
          const shot = new Set<string>();
          const mustReach = MUST_REACH[who] ?? [];
          const visited = await walk(s, demo.url, {
            depth: 2,
            reach: mustReach,
            onPage: async (page, url) => {
              const path = new URL(url).pathname;
              const name = shotName(path);
              if (name && !shot.has(name)) {
                shot.add(name);
                await page.screenshot({ path: `${ARTIFACTS}/click-${who}-${lang}-${name}.png` });
              }
            },
          });
          expect(visited.length, `pages ${who} reached`).toBeGreaterThan(3);
          for (const route of mustReach) {
            const target = route.at(-1) ?? "";
            expect(reached(visited, route), `${who} (${lang}) reached ${target} by clicking`).toBe(true);
            expect([...shot], `a screenshot of ${target}`).toContain(shotName(target));
          }
          expect(s.problems, `problems met by ${who} (${lang}) on ${visited.length} pages`).toEqual([]);
        } finally {
          await s.context.close();
        }
      }, 150_000);
    }
  }
});
