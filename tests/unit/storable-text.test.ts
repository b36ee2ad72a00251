import { describe, expect, it } from "vitest";
import { pathsWithNul } from "../../app/domain/storable-text";
import { nulErrors } from "../../app/lib/forms.server";

describe("NUL characters (PostgreSQL cannot store them)", () => {
  it("are found in strings, arrays and keys, with their paths", () => {
    expect(pathsWithNul({ a: "ok", b: ["x", "y\u0000"], c: { d: "\u0000" }, ["e\u0000"]: 1 })).toEqual([
      "b.1",
      "c.d",
      "e\u0000",
    ]);
    expect(pathsWithNul("\u0000")).toEqual(["_"]);
    expect(pathsWithNul({ a: "甲乙", n: 3, z: null })).toEqual([]);
  });
  it("become form errors on the very fields that carry them", () => {
    expect(
      nulErrors({ nameZh: "甲\u0000", "site.0.label": "\u0000", categories: ["E01", "E\u0000"], ok: "x" }),
    ).toEqual({
      nameZh: "form.invalid",
      "site.0.label": "form.invalid",
      categories: "form.invalid",
    });
    expect(nulErrors({ a: "b" })).toBeNull();
  });
});
