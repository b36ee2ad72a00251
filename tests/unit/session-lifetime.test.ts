import { describe, expect, it } from "vitest";
import {
  DEFAULT_SESSION_LIFETIME,
  idleLimitOf,
  parseDuration,
  renewalIntervalOf,
  sessionExpiry,
} from "../../app/domain/session-lifetime";

const HOUR = 3600_000;

describe("session lifetime", () => {
  it("gives officials and administrators 2 hours idle, everyone else 12, nobody more than 7 days", () => {
    const lt = DEFAULT_SESSION_LIFETIME;
    expect(idleLimitOf(lt, "official")).toBe(2 * HOUR);
    expect(idleLimitOf(lt, "admin")).toBe(2 * HOUR);
    for (const role of ["supplier_member", "supplier_admin", "oem_buyer", "oem_admin"] as const)
      expect(idleLimitOf(lt, role)).toBe(12 * HOUR);
    const t0 = Date.UTC(2026, 0, 1);
    expect(sessionExpiry(lt, "oem_buyer", t0, t0).getTime()).toBe(t0 + 12 * HOUR);
    // Used just now, but signed in almost a week ago: the absolute limit comes first.
    expect(sessionExpiry(lt, "oem_buyer", t0, t0 + 7 * 24 * HOUR - HOUR).getTime()).toBe(t0 + 7 * 24 * HOUR);
  });

  it("renews often enough that a session in use never ends early by more than a tenth of its idle limit", () => {
    expect(renewalIntervalOf(DEFAULT_SESSION_LIFETIME, "official")).toBe(12 * 60_000);
    expect(renewalIntervalOf(DEFAULT_SESSION_LIFETIME, "oem_buyer")).toBe(HOUR);
  });

  it("reads durations", () => {
    expect(parseDuration("90m")).toBe(90 * 60_000);
    expect(parseDuration("12h")).toBe(12 * HOUR);
    expect(parseDuration(" 7D ")).toBe(7 * 24 * HOUR);
    expect(parseDuration("45s")).toBe(45_000);
    for (const bad of ["", "12", "h", "1.5h", "-1h", "1w"]) expect(parseDuration(bad)).toBeNull();
  });
});
