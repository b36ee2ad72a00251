import { describe, expect, it } from "vitest";
import { chinaDateTime } from "../../app/domain/dates";
import { formatCount, formatWholeYuan } from "../../app/domain/money";

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

describe("formatWholeYuan", () => {
  it("rounds a total to the nearest yuan and an amount still needed up", () => {
    expect(formatWholeYuan(2_167_000_050)).toBe("21,670,001");
    expect(formatWholeYuan(2_167_000_049)).toBe("21,670,000");
    // 2,422,999.70 yuan still needed: localizing 2,422,999 would not reach the target.
    expect(formatWholeYuan(242_299_970, "up")).toBe("2,423,000");
    expect(formatWholeYuan(242_300_000, "up")).toBe("2,423,000");
    expect(formatWholeYuan(0, "up")).toBe("0");
  });
});
