import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calendarDate, isCalendarDate } from "../../app/domain/dates";

describe("isCalendarDate", () => {
  it("accepts dates that exist, leap days included", () => {
    for (const d of ["2026-02-28", "2024-02-29", "2000-02-29", "2026-12-31", "2027-06-30"])
      expect(isCalendarDate(d)).toBe(true);
  });
  it("refuses dates that do not exist, which Date.parse rolls over", () => {
    for (const d of [
      "2026-02-30",
      "2026-02-31",
      "2025-02-29",
      "1900-02-29",
      "2026-04-31",
      "2026-13-01",
      "2026-00-10",
      "2026-01-00",
    ]) {
      expect(isCalendarDate(d), d).toBe(false);
    }
  });
  it("refuses other shapes", () => {
    for (const d of ["2026-2-3", "20260203", "soon", "", "0000-01-01", "2026-02-03T00:00"])
      expect(isCalendarDate(d), d).toBe(false);
  });
  it("agrees with a date's own ISO form for every day of four centuries", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2299-12-31T00:00:00Z"), noInvalidDate: true }),
        (d) => {
          expect(isCalendarDate(d.toISOString().slice(0, 10))).toBe(true);
        },
      ),
    );
  });
  it("gives the form's date message through the schema", () => {
    const r = calendarDate.safeParse("2026-02-31");
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe("form.date");
  });
});
