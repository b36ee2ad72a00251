import { describe, expect, it } from "vitest";
import { chinaDateTime, chinaDay } from "../../app/domain/dates";
import { formatDate, formatDateTime, formatNumber, formatPoints } from "../../app/domain/format";
import { formatPp } from "../../app/domain/rates";

/**
 * Issue 14, points 2, 8 and 9: one helper writes dates and numbers, with an explicit locale
 * and China's time zone, so the server and any browser write the same text.
 */
describe("format", () => {
  it("writes an instant as China's day and 24-hour time, whatever the process's time zone", () => {
    // 21:30 UTC on 22 November is 05:30 on 23 November in China.
    const at = "2026-11-22T21:30:00Z";
    for (const lang of ["zh", "en"] as const) {
      expect(formatDate(lang, at)).toBe("2026-11-23");
      expect(formatDateTime(lang, at)).toBe("2026-11-23 05:30");
      expect(formatDateTime(lang, new Date("2026-11-23T04:00:00Z"))).toBe("2026-11-23 12:00");
      expect(formatDateTime(lang, "2026-11-22T16:00:00Z")).toBe("2026-11-23 00:00");
    }
    expect(formatDate("zh", "not a date")).toBe("—");
    expect(chinaDay(at)).toBe("2026-11-23");
    expect(chinaDateTime(at)).toBe("2026-11-23 05:30");
  });

  it("writes numbers with thousands separated, the same in both languages", () => {
    expect(formatNumber("zh", 1234567)).toBe("1,234,567");
    expect(formatNumber("en", 1234567)).toBe("1,234,567");
    expect(formatNumber("zh", 1234.567, 1)).toBe("1,234.6");
    expect(formatNumber("en", null)).toBe("—");
  });

  it("writes percentage points as 个百分点 in Chinese and pp in English", () => {
    expect(formatPoints("zh", 3)).toBe("+3.0 个百分点");
    expect(formatPoints("zh", -1.26)).toBe("-1.3 个百分点");
    expect(formatPoints("en", 3)).toBe("+3.0 pp");
    expect(formatPp(2.04, "zh")).toBe("+2.0 个百分点");
    expect(formatPoints("zh", null)).toBe("—");
  });
});
