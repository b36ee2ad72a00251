import { describe, expect, it } from "vitest";
import { matchIsInvitation, supplierFitsDemand, supplierMaySeeDemand } from "../../app/domain/demand";
import { DEMAND_STATUSES, MATCH_STATES } from "../../app/domain/vocabulary";

const fits = { fits: true, invited: false };
const stranger = { fits: false, invited: false };
const invited = { fits: false, invited: true };

describe("a demand's visibility to a supplier", () => {
  it("shows an open demand for all to a supplier that fits it", () => {
    expect(supplierMaySeeDemand({ visibility: "all", status: "open" }, fits)).toBe(true);
  });

  it("hides an open demand for all from a supplier that does not fit it (issue 13, finding 13)", () => {
    expect(supplierMaySeeDemand({ visibility: "all", status: "open" }, stranger)).toBe(false);
  });

  it("hides invited-only, closed and awarded demands from suppliers that were not invited, fitting or not", () => {
    for (const standing of [fits, stranger]) {
      expect(supplierMaySeeDemand({ visibility: "invited", status: "open" }, standing)).toBe(false);
      expect(supplierMaySeeDemand({ visibility: "all", status: "closed" }, standing)).toBe(false);
      expect(supplierMaySeeDemand({ visibility: "all", status: "awarded" }, standing)).toBe(false);
    }
  });

  it("always shows a demand the supplier was invited to", () => {
    for (const status of DEMAND_STATUSES) {
      for (const visibility of ["all", "invited"] as const)
        expect(supplierMaySeeDemand({ visibility, status }, invited)).toBe(true);
    }
  });
});

describe("whether a match is an invitation", () => {
  it("is not for a shortlist, nor for a match withdrawn from the shortlist", () => {
    expect(matchIsInvitation(undefined)).toBe(false);
    expect(matchIsInvitation({ state: "shortlisted", everInvited: false })).toBe(false);
    expect(matchIsInvitation({ state: "withdrawn", everInvited: false })).toBe(false);
  });

  it("is for every state an invitation leads to, and for a match withdrawn after one", () => {
    for (const state of MATCH_STATES.filter((s) => s !== "shortlisted" && s !== "withdrawn"))
      expect(matchIsInvitation({ state, everInvited: false })).toBe(true);
    expect(matchIsInvitation({ state: "withdrawn", everInvited: true })).toBe(true);
  });
});

describe("whether a supplier fits a demand", () => {
  // A plant in Changchun; one degree of latitude is about 111 km.
  const demand = { category_code: "E01", radius_km: 100, lat: 43.8, lng: 125.3 };

  it("needs the demand's category and a site inside the demand's radius", () => {
    const near = { lat: 44.6, lng: 125.3 }; // about 89 km north
    const far = { lat: 44.8, lng: 125.3 }; // about 111 km north
    expect(supplierFitsDemand(demand, { categories: ["A01", "E01"], sites: [far, near] })).toBe(true);
    expect(supplierFitsDemand(demand, { categories: ["E01"], sites: [far] })).toBe(false);
    expect(supplierFitsDemand(demand, { categories: ["E02"], sites: [near] })).toBe(false);
    expect(supplierFitsDemand(demand, { categories: ["E01"], sites: [] })).toBe(false);
  });

  it("counts a site exactly on the circle as inside", () => {
    const edge = { lat: 43.8 + (100 / 6371) * (180 / Math.PI), lng: 125.3 };
    expect(supplierFitsDemand({ ...demand, radius_km: 100.000001 }, { categories: ["E01"], sites: [edge] })).toBe(true);
    expect(supplierFitsDemand({ ...demand, radius_km: 99.999 }, { categories: ["E01"], sites: [edge] })).toBe(false);
  });
});
