import { describe, expect, it } from "vitest";
import { EMAIL_DEFAULTS, emailKindOf, emailKindsFor, mailRetryDelayMs, wantsEmail } from "../../app/domain/mail";
import { firstSteps } from "../../app/domain/first-steps";
import { loadConfig, mailSettingsOf } from "../../server/config";

describe("which notifications go by e-mail", () => {
  it("follows the user's choice, else the default; an unlisted kind follows 'other'", () => {
    expect(wantsEmail("demand_fits", new Map())).toBe(true);
    expect(wantsEmail("supplier_declined", new Map())).toBe(false);
    expect(wantsEmail("demand_fits", new Map([["demand_fits", false]]))).toBe(false);
    expect(emailKindOf("a_kind_added_later")).toBe("other");
    expect(wantsEmail("a_kind_added_later", new Map([["other", false]]))).toBe(false);
    expect(EMAIL_DEFAULTS.match_confirmed).toBe(true);
  });

  it("offers each organization the kinds its members receive", () => {
    expect(emailKindsFor("supplier")).toContain("demand_fits");
    expect(emailKindsFor("supplier")).not.toContain("supplier_interested");
    expect(emailKindsFor("oem")).toContain("supplier_interested");
    expect(emailKindsFor("agency")).toEqual(["sign_up_email_registered", "invitation_email_registered", "other"]);
  });

  it("retries a failed delivery after 30 s, doubling, at most an hour apart", () => {
    expect([1, 2, 3].map(mailRetryDelayMs)).toEqual([30_000, 60_000, 120_000]);
    expect(mailRetryDelayMs(20)).toBe(3600_000);
  });
});

describe("a supplier's first steps", () => {
  const none = { hasProducts: false, categories: 0, sites: 0, certificates: 0, answeredOpportunities: 0 };
  it("ticks each step from the data and is complete when all four are", () => {
    expect(firstSteps(none)).toMatchObject({ done: 0, complete: false });
    expect(firstSteps({ ...none, hasProducts: true }).items[0]!.done).toBe(false);
    const all = firstSteps({ hasProducts: true, categories: 2, sites: 1, certificates: 1, answeredOpportunities: 1 });
    expect(all).toMatchObject({ done: 4, complete: true });
  });
});

describe("e-mail configuration", () => {
  it("validates SMTP_URL at boot and builds links on PEITAO_PUBLIC_URL", () => {
    expect(() => loadConfig({ SMTP_URL: "http://mail.example.cn" })).toThrow(/SMTP_URL: must be an smtp/);
    expect(() => loadConfig({ MAIL_FROM: "not an address" })).toThrow(/MAIL_FROM/);
    const config = loadConfig({
      SMTP_URL: "smtps://u:p@smtp.example.cn:465",
      PEITAO_PUBLIC_URL: "https://peitao.example.cn/",
      PEITAO_DATA_DIR: "/srv/peitao",
    });
    expect(mailSettingsOf(config)).toMatchObject({
      smtpUrl: "smtps://u:p@smtp.example.cn:465",
      publicUrl: "https://peitao.example.cn",
      dir: "/srv/peitao/mail",
    });
    expect(mailSettingsOf(loadConfig({ PORT: "3975" })).publicUrl).toBe("http://localhost:3975");
  });
});
