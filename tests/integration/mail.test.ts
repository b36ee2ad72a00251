import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpSupplier } from "../../app/features/accounts/sign-up.server";
import { requestPasswordReset } from "../../app/features/accounts/password-reset.server";
import { createMailer, type Mailer } from "../../app/features/mail/mailer.server";
import { drainMail } from "../../app/features/mail/worker.server";
import { MAIL_MAX_ATTEMPTS } from "../../app/domain/mail";
import { makeUscc } from "../../app/domain/uscc";
import { LIMITS } from "../../app/domain/throttle";
import { createSession } from "../../db/sessions.server";
import { findUserByEmail } from "../../db/users.server";
import { serveApp, defaultSettings } from "../helpers/app";
import { HttpClient } from "../helpers/http";
import { readMails, resetLinkIn } from "../helpers/mail";
import { testServices, type TestServices } from "../helpers/services";

let s: TestServices;
let app: Awaited<ReturnType<typeof serveApp>>;
let dir: string;
let mailer: Mailer;
let serial = 7000;
const PASSWORD = "吉林配套邮件测试-2026";

beforeAll(async () => {
  s = await testServices({ reconcile: false });
  app = await serveApp({ db: s.db, search: s.search, ...defaultSettings() });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "peitao-mail-"));
  mailer = createMailer({ from: "配套 Peitao <noreply@peitao.localhost>", dir });
});
afterAll(async () => {
  await app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A supplier's admin, signed up through the use case (no address: no throttle). */
async function newSupplier(email: string) {
  serial += 1;
  const outcome = await signUpSupplier(
    { db: s.db, search: s.search, ip: null },
    {
      nameZh: `吉林邮件测试${serial}汽车部件有限公司`,
      nameEn: undefined,
      uscc: makeUscc(220101, serial),
      displayName: "王工",
      email,
      password: PASSWORD,
    },
  );
  if (!outcome.created) throw new Error("not created");
  return outcome;
}

const send = () => drainMail(s.db, mailer, { publicUrl: app.url });
const mailsTo = (email: string) => readMails(dir).filter((m) => m.to.includes(email));
const notice = (html: string) => html.match(/data-testid="reset-sent"[^>]*>([^<]+)</)?.[1];
const sessionsOf = async (userId: string) =>
  Number(
    (
      await s.db
        .selectFrom("sessions")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("user_id", "=", userId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("password reset by e-mail", () => {
  it("e-mails a single-use link that sets a new password, ends every session and is audited", async () => {
    const email = "reset-flow@example.com";
    const { userId } = await newSupplier(email);
    const signedIn = new HttpClient(app.url);
    expect((await signedIn.post("/login", { email, password: PASSWORD })).status).toBe(302);
    await createSession(s.db, userId); // another device
    expect(await sessionsOf(userId)).toBe(2);

    // 忘记密码 on the sign-in page leads to the form.
    expect(await (await new HttpClient(app.url).get("/login")).text()).toContain('href="/forgot-password"');
    const res = await new HttpClient(app.url).post("/forgot-password", { email: email.toUpperCase() });
    expect(res.status).toBe(200);
    expect(notice(await res.text())).toContain("如果该邮箱有账号");
    // Nothing was sent inside the request: the e-mail waits in the outbox for the worker.
    expect(mailsTo(email)).toHaveLength(0);
    expect(await send()).toEqual({ sent: 1, failed: 0 });

    const [mail] = mailsTo(email);
    expect(mail!.subject).toBe("重置您的配套密码");
    const link = resetLinkIn(dir, email);
    expect(link.startsWith(`${app.url}/reset-password/`)).toBe(true);
    const token = link.split("/").at(-1)!;
    // Only the hash is stored, and the sent e-mail's payload is not kept.
    const stored = await s.db.selectFrom("password_reset_tokens").selectAll().where("user_id", "=", userId).execute();
    expect(stored).toHaveLength(1);
    expect(Buffer.from(stored[0]!.token_hash).toString("utf8")).not.toContain(token);
    const outbox = await s.db.selectFrom("mail_outbox").selectAll().where("user_id", "=", userId).execute();
    expect(outbox.map((o) => [o.template, o.payload, o.sent_at !== null])).toEqual([["password_reset", {}, true]]);

    const path = new URL(link).pathname;
    const anon = new HttpClient(app.url);
    const page = await anon.get(path);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(email);
    // The password rules of every new password apply.
    const weak = await anon.post(path, { password: "password123" });
    expect(weak.status).toBe(400);
    expect(await weak.text()).toContain("这个密码太常见");
    const done = await anon.post(path, { password: "新的配套密码-重置-2026" });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/login?reset=1");

    expect(await sessionsOf(userId)).toBe(0);
    expect((await signedIn.get("/account")).headers.get("location")).toMatch(/^\/login/);
    expect((await new HttpClient(app.url).post("/login", { email, password: PASSWORD })).status).toBe(400);
    expect((await new HttpClient(app.url).post("/login", { email, password: "新的配套密码-重置-2026" })).status).toBe(
      302,
    );

    const audits = await s.db
      .selectFrom("audit_log")
      .select(["action", "actor_user_id", "subject_id"])
      .where("action", "in", ["password_reset_requested", "password_reset"])
      .where("subject_id", "=", userId)
      .orderBy("id")
      .execute();
    expect(audits.map((a) => a.action)).toEqual(["password_reset_requested", "password_reset"]);
    expect(audits[1]!.actor_user_id).toBe(userId);

    // Single use: the same link again is refused and says so.
    const again = await anon.post(path, { password: "再来一个配套密码-2026" });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("这个重置链接已经使用过了");
    const used = await anon.get(path);
    expect(used.status).toBe(410);
    expect(await used.text()).toContain('data-state="used"');
    expect((await new HttpClient(app.url).post("/login", { email, password: "再来一个配套密码-2026" })).status).toBe(
      400,
    );
  });

  it("refuses a link after its hour, saying it expired, and an unknown token", async () => {
    const email = "reset-expired@example.com";
    await newSupplier(email);
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await requestPasswordReset({ db: s.db, search: s.search, ip: "192.0.2.10" }, { email }, twoHoursAgo);
    await send();
    const path = new URL(resetLinkIn(dir, email)).pathname;
    const anon = new HttpClient(app.url);
    const page = await anon.get(path);
    expect(page.status).toBe(410);
    const html = await page.text();
    expect(html).toContain('data-state="expired"');
    expect(html).toContain("这个重置链接已过期");
    expect(html).toContain('href="/forgot-password"');
    expect((await anon.post(path, { password: "新的配套密码-过期-2026" })).status).toBe(400);
    expect((await new HttpClient(app.url).post("/login", { email, password: PASSWORD })).status).toBe(302);

    const unknown = await anon.get(`/reset-password/${"k".repeat(48)}`);
    expect(unknown.status).toBe(410);
    expect(await unknown.text()).toContain('data-state="unknown"');
  });

  it("answers an unknown e-mail exactly as a known one, as fast, and sends it nothing", async () => {
    const known = "reset-known@example.com";
    await newSupplier(known);
    await send();
    const before = readMails(dir).length;
    // From an address of its own, so that the throttle of the other tests is not shared.
    const client = new HttpClient(app.url, "127.0.0.3");
    const times: Record<"known" | "unknown", number[]> = { known: [], unknown: [] };
    const bodies: Record<"known" | "unknown", string[]> = { known: [], unknown: [] };
    for (let i = 0; i < 4; i += 1) {
      for (const [which, email] of [
        ["known", known],
        ["unknown", `nobody-${i}@example.com`],
      ] as const) {
        const t0 = performance.now();
        const res = await client.post("/forgot-password", { email });
        const body = await res.text();
        times[which].push(performance.now() - t0);
        expect(res.status).toBe(200);
        bodies[which].push(notice(body) ?? "");
      }
    }
    expect(new Set([...bodies.known, ...bodies.unknown]).size).toBe(1);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // Neither waits for a mail server: both are one short transaction.
    expect(median(times.known)).toBeLessThan(1000);
    expect(median(times.unknown)).toBeLessThan(1000);
    expect(Math.abs(median(times.known) - median(times.unknown))).toBeLessThan(150);

    expect(await send()).toEqual({ sent: 4, failed: 0 });
    expect(readMails(dir).length - before).toBe(4);
    expect(readMails(dir).some((m) => m.to.includes("nobody-"))).toBe(false);
  });

  it("throttles requests per e-mail the same for known and unknown accounts", async () => {
    const known = "reset-throttle@example.com";
    await newSupplier(known);
    for (const [address, email] of [
      ["127.0.0.4", known],
      ["127.0.0.5", "nobody-throttle@example.com"],
    ] as const) {
      const client = new HttpClient(app.url, address);
      const statuses: number[] = [];
      for (let i = 0; i <= LIMITS.passwordResetAccount.max; i += 1)
        statuses.push((await client.post("/forgot-password", { email })).status);
      expect(statuses).toEqual([...Array(LIMITS.passwordResetAccount.max).fill(200), 429]);
    }
  });
});

describe("notification e-mails", () => {
  it("sends a notification by e-mail unless the user turned its kind off on /account", async () => {
    const email = "prefs@example.com";
    await newSupplier(email);
    await send();
    const owner = await findUserByEmail(s.db, email);
    // Someone signs up with the e-mail: its owner is notified (in the app and, by default, by e-mail).
    const signUpAgain = () =>
      signUpSupplier(
        { db: s.db, search: s.search, ip: null },
        {
          nameZh: "冒用邮箱测试有限公司",
          nameEn: undefined,
          uscc: makeUscc(220101, ++serial),
          displayName: "某人",
          email,
          password: PASSWORD,
        },
      );
    await signUpAgain();
    await send();
    expect(mailsTo(email)).toHaveLength(1);
    expect(mailsTo(email)[0]!.subject).toContain(`有人用您的邮箱（${email}）`);
    expect(mailsTo(email)[0]!.text).toContain(`${app.url}/account`);

    // The owner turns that kind off and asks for English e-mails.
    const c = new HttpClient(app.url);
    expect((await c.post("/login", { email, password: PASSWORD })).status).toBe(302);
    const account = await (await c.get("/account")).text();
    expect(account).toContain('checked="" value="sign_up_email_registered"');
    const kept = ["demand_fits", "invited", "match_confirmed", "other"];
    const body = new URLSearchParams([["language", "en"], ...kept.map((k) => ["email", k])]);
    const saved = await fetch(`${app.url}/account?form=mail`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: c.cookie, origin: app.url },
      body: body.toString(),
    });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain('data-testid="mail-prefs-saved"');
    expect(await (await c.get("/account")).text()).not.toContain('checked="" value="sign_up_email_registered"');

    await signUpAgain();
    expect(await send()).toEqual({ sent: 0, failed: 0 });
    expect(mailsTo(email)).toHaveLength(1);
    // The notification itself is still in the app.
    const notes = await s.db.selectFrom("notifications").select("kind").where("user_id", "=", owner!.id).execute();
    expect(notes.filter((n) => n.kind === "sign_up_email_registered")).toHaveLength(2);

    // A kind still on comes in the chosen language.
    await requestPasswordReset({ db: s.db, search: s.search, ip: "192.0.2.20" }, { email });
    await send();
    expect(mailsTo(email).at(-1)!.subject).toBe("Reset your Peitao password");

    // An invalid choice is a 400, not a 500.
    const bad = await fetch(`${app.url}/account?form=mail`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: c.cookie, origin: app.url },
      body: "language=fr&email=nonsense",
    });
    expect(bad.status).toBe(400);
  });

  it("keeps an e-mail whose delivery failed and retries it later, giving up after the last attempt", async () => {
    const email = "retry@example.com";
    await newSupplier(email);
    await send();
    await requestPasswordReset({ db: s.db, search: s.search, ip: "192.0.2.30" }, { email });
    const broken: Mailer = {
      describe: "broken",
      send: () => Promise.reject(new Error("connection refused")),
      close: () => {},
    };
    expect(await drainMail(s.db, broken, { publicUrl: app.url })).toEqual({ sent: 0, failed: 1 });
    const row = () =>
      s.db
        .selectFrom("mail_outbox as m")
        .innerJoin("users as u", "u.id", "m.user_id")
        .select(["m.attempts", "m.last_error", "m.next_attempt_at", "m.sent_at", "m.failed_at"])
        .where("u.email", "=", email)
        .where("m.template", "=", "password_reset")
        .executeTakeFirstOrThrow();
    const failed = await row();
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toBe("connection refused");
    expect(new Date(failed.next_attempt_at).getTime()).toBeGreaterThan(Date.now());
    // Not due yet: the next drain leaves it alone; once due, it goes.
    expect(await send()).toEqual({ sent: 0, failed: 0 });
    const later = () => new Date(Date.now() + 3600_000);
    expect(await drainMail(s.db, mailer, { publicUrl: app.url, now: later })).toEqual({ sent: 1, failed: 0 });
    expect((await row()).sent_at).not.toBeNull();
    expect(mailsTo(email).at(-1)!.subject).toBe("重置您的配套密码");

    // An e-mail that never goes through is given up after MAIL_MAX_ATTEMPTS, and its link dropped.
    await requestPasswordReset({ db: s.db, search: s.search, ip: "192.0.2.31" }, { email });
    let at = Date.now();
    for (let i = 0; i < MAIL_MAX_ATTEMPTS; i += 1) {
      at += 2 * 3600_000;
      await drainMail(s.db, broken, { publicUrl: app.url, now: () => new Date(at) });
    }
    const given = await s.db
      .selectFrom("mail_outbox")
      .select(["attempts", "failed_at", "payload"])
      .where("failed_at", "is not", null)
      .execute();
    expect(given).toEqual([{ attempts: MAIL_MAX_ATTEMPTS, failed_at: expect.any(Date), payload: {} }]);
  });
});
