import { describe, expect, it } from "vitest";
import { suggestOrganizationCode } from "../../app/domain/organization-code";
import { mergeReference } from "../../app/domain/reference-merge";

const FIELDS = ["name_en", "location"] as const;
const at = (lat: number) => ({ lat, lng: 125.2, adcode: 220106, precision_km: 3 });

describe("a newer reference meets a row (three-way, per field)", () => {
  it("a field nobody edited follows the reference", () => {
    const base = { name_en: "Plant", location: at(43.8) };
    expect(mergeReference(FIELDS, base, base, { name_en: "Plant 2", location: at(43.9) })).toEqual({
      updates: { name_en: "Plant 2", location: at(43.9) },
      differences: [],
      agreeing: ["name_en", "location"],
    });
  });

  it("an edited field stays; it is a difference only when the reference changed it too", () => {
    const base = { name_en: "Plant", location: at(43.8) };
    const edited = { name_en: "Plant (ours)", location: at(44.0) };
    // The reference changed the location only: the English name edit is kept quietly.
    expect(mergeReference(FIELDS, edited, base, { name_en: "Plant", location: at(43.9) })).toEqual({
      updates: {},
      differences: [{ field: "location", local: at(44.0), reference: at(43.9) }],
      agreeing: [],
    });
    // The reference now says what the administrator said: nothing to decide.
    expect(mergeReference(FIELDS, edited, base, { name_en: "Plant (ours)", location: at(43.8) })).toEqual({
      updates: {},
      differences: [],
      agreeing: ["name_en"],
    });
  });

  it("a row never loaded from the reference (adopted by name) takes the reference values", () => {
    expect(
      mergeReference(FIELDS, { name_en: "Old", location: at(43.7) }, null, { name_en: "New", location: at(43.8) }),
    ).toEqual({ updates: { name_en: "New", location: at(43.8) }, differences: [], agreeing: ["name_en", "location"] });
  });
});

describe("a code for an OEM that was given none", () => {
  it("is the initials of its English name, without the company-form words", () => {
    expect(suggestOrganizationCode("Jilin Test Motors Co., Ltd.")).toBe("JTM");
    expect(suggestOrganizationCode("Changchun Test Motors Co., Ltd.", 2)).toBe("CTM-2");
    expect(suggestOrganizationCode("Hongqi")).toBe("HONGQI");
    expect(suggestOrganizationCode("")).toBe("OEM");
    expect(suggestOrganizationCode(undefined, 3)).toBe("OEM-3");
    expect(suggestOrganizationCode("Ünïcode Èngines Group")).toBe("UE");
  });
});
