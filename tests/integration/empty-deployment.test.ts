import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSettings, serveApp } from "../helpers/app";
import { testServices, type TestServices } from "../helpers/services";

// A deployment started with PEITAO_SEED=none: reference data only (the 14 plants of Jilin
// with their OEMs, the taxonomy, the gazetteer), no demo suppliers. The home page does not
// say that its suppliers are fictitious.

let s: TestServices;
let app: Awaited<ReturnType<typeof serveApp>>;

beforeAll(async () => {
  s = await testServices();
  app = await serveApp({ db: s.db, search: s.search, ...defaultSettings() });
});
afterAll(() => app?.close());

const home = async () => {
  const res = await fetch(`${app.url}/`, { headers: { cookie: "" } });
  expect(res.status).toBe(200);
  return res.text();
};

describe("a deployment without demo data", () => {
  it("shows the 14 reference plants and no note about fictitious sample suppliers", async () => {
    const plants = await (await fetch(`${app.url}/plants`)).text();
    expect(plants.match(/data-testid="plant-[A-Z0-9_]+"/g)).toHaveLength(14);
    const html = await home();
    expect(html).not.toContain("虚构");
    expect(html).not.toContain('data-testid="sample-note"');
  });

  it("says so once a sample supplier exists", async () => {
    await s.db
      .insertInto("organizations")
      .values({ kind: "supplier", name_zh: "长春示例零部件有限公司", is_sample: true })
      .execute();
    expect(await home()).toContain('data-testid="sample-note"');
  });
});
