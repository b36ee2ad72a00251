import { describe, expect, it } from "vitest";
import { chinaDateTime } from "../../app/domain/dates";
import { formatCount } from "../../app/domain/money";

describe("chinaDateTime", () => {
  it("writes the instant's day and minute in China (UTC+8), whatever the runtime's zone", () => {
    expect(chinaDateTime(new Date("2026-11-23T05:18:52Z"))).toBe("2026-11-23 13:18");
    expect(chinaDateTime("2026-03-14T16:05:00Z")).toBe("2026-03-15 00:05");
    expect(chinaDateTime("2026-12-31T15:59:59.999Z")).toBe("2026-12-31 23:59");
  });
});

describe("formatCount", () => {
  it("groups thousands with commas, the same on every locale", () => {
    expect(formatCount(0)).toBe("0");
    expect(formatCount(999)).toBe("999");
    expect(formatCount(1234567)).toBe("1,234,567");
  });
});
