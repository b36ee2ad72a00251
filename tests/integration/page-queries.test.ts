import type { KyselyPlugin } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoIfEmpty } from "../../app/features/demo/seed-demo.server";
import { markAllRead, notifyUser } from "../../db/notifications.server";
import { seedSuppliers } from "../../db/seed.server";
import { pendingSupplierCount } from "../../db/verification.server";
import { createSession } from "../../db/sessions.server";
import { findUserByEmail } from "../../db/users.server";
import { serveApp, defaultSettings } from "../helpers/app";
import { HttpClient } from "../helpers/http";
import { testServices, type TestServices } from "../helpers/services";

// Every query the server sends, as Kysely's operation tree (tables appear by name).
const sent: string[] = [];
const recording: KyselyPlugin = {
  transformQuery: ({ node }) => {
    sent.push(JSON.stringify(node));
    return node;
  },
  transformResult: async ({ result }) => result,
};

let s: TestServices;
let app: Awaited<ReturnType<typeof serveApp>>;
let official: string;

beforeAll(async () => {
  s = await testServices({ reconcile: false });
  await seedDemoIfEmpty(s.db);
  official = (await findUserByEmail(s.db, "official@demo.peitao.example"))!.id;
  app = await serveApp({ db: s.db.withPlugin(recording), search: s.search, ...defaultSettings() });
});
afterAll(() => app?.close());

const mentions = (q: string, table: string) => q.includes(`"name":"${table}"`);
const badge = (html: string, testId = "unread-count") =>
  html.match(new RegExp(`data-testid="${testId}"[^>]*>(\\d+\\+?)<`))?.[1] ?? null;

describe("a page's header", () => {
  it("shows the unread count the session lookup took, with no query of its own, and counts again after an action", async () => {
    await markAllRead(s.db, official);
    for (const n of [1, 2, 3]) await notifyUser(s.db, official, { kind: "test", title: `t${n}`, link: "/" });
    const c = new HttpClient(app.url);
    c.cookie = `peitao_session=${(await createSession(s.db, official)).token}`;

    sent.length = 0;
    const page = await c.get("/dashboard");
    expect(page.status).toBe(200);
    expect(badge(await page.text())).toBe("3");
    const notificationQueries = sent.filter((q) => mentions(q, "notifications"));
    expect(notificationQueries.length).toBe(1);
    expect(mentions(notificationQueries[0]!, "sessions")).toBe(true);

    // Marking them read without JavaScript renders the page in the same request: the
    // header must not show the count taken before the action.
    const marked = await c.post("/notifications", {});
    expect(marked.status).toBe(200);
    expect(badge(await marked.text())).toBeNull();
    expect(badge(await (await c.get("/dashboard")).text())).toBeNull();
  });

  it("counts its badges up to 100 and says 99+ beyond, however long the queues behind them", async () => {
    await markAllRead(s.db, official);
    await s.db
      .insertInto("notifications")
      .values(Array.from({ length: 150 }, (_, i) => ({ user_id: official, kind: "test", title: `n${i}`, link: "/" })))
      .execute();
    // Sample suppliers: about three in ten wait for verification.
    await seedSuppliers(s.db, { count: 600, seed: 16, offset: 900_000 });
    expect(await pendingSupplierCount(s.db)).toBeGreaterThan(150);
    const c = new HttpClient(app.url);
    c.cookie = `peitao_session=${(await createSession(s.db, official)).token}`;

    sent.length = 0;
    const html = await (await c.get("/dashboard")).text();
    expect(badge(html)).toBe("99+");
    expect(badge(html, "pending-suppliers")).toBe("99+");
    // Each count reads at most 100 rows: its query carries the limit.
    const capped = (q: string) => q.includes('"kind":"LimitNode"') && q.includes('"value":100');
    const unreadCounts = sent.filter((q) => mentions(q, "notifications"));
    expect(unreadCounts.length).toBeGreaterThan(0);
    expect(unreadCounts.every(capped)).toBe(true);
    expect(sent.some((q) => q.includes('"value":"pending"') && capped(q))).toBe(true);

    // Below the cap the exact number shows.
    await markAllRead(s.db, official);
    for (const n of [1, 2]) await notifyUser(s.db, official, { kind: "test", title: `m${n}`, link: "/" });
    expect(badge(await (await c.get("/dashboard")).text())).toBe("2");
  });
});
