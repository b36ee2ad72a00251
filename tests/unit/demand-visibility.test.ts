import { describe, expect, it } from "vitest";
import { supplierMaySeeDemand } from "../../app/domain/demand";
import { DEMAND_STATUSES } from "../../app/domain/vocabulary";

describe("a demand's visibility to a supplier", () => {
  it("shows open demands that are open to all", () => {
    expect(supplierMaySeeDemand({ visibility: "all", status: "open" }, false)).toBe(true);
  });

  it("hides invited-only, closed and awarded demands from suppliers without a match", () => {
    expect(supplierMaySeeDemand({ visibility: "invited", status: "open" }, false)).toBe(false);
    expect(supplierMaySeeDemand({ visibility: "all", status: "closed" }, false)).toBe(false);
    expect(supplierMaySeeDemand({ visibility: "all", status: "awarded" }, false)).toBe(false);
  });

  it("always shows a demand the supplier has a match on", () => {
    for (const status of DEMAND_STATUSES) {
      for (const visibility of ["all", "invited"] as const)
        expect(supplierMaySeeDemand({ visibility, status }, true)).toBe(true);
    }
  });
});
