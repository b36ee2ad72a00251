import { describe, expect, it } from "vitest";
import { and, eq, inList, literal } from "../../search/filter";

describe("Meilisearch filter literals", () => {
  it("quotes plain and non-ASCII text", () => {
    expect(literal("A01")).toBe('"A01"');
    expect(literal("长春市")).toBe('"长春市"');
  });

  it("escapes double quotes and backslashes so the value stays one literal", () => {
    expect(literal('a"b')).toBe('"a\\"b"');
    expect(literal("a\\b")).toBe('"a\\\\b"');
    // A trailing backslash must not escape the closing quote.
    expect(literal("x\\")).toBe('"x\\\\"');
    expect(literal('A01" OR category_codes = "B01')).toBe('"A01\\" OR category_codes = \\"B01"');
  });

  it("keeps OR, parentheses and operators inside the quotes", () => {
    expect(eq("city_adcode", "1) OR (1 = 1")).toBe('city_adcode = "1) OR (1 = 1"');
    expect(inList("category_codes", ["A01", 'B"]'])).toBe('category_codes IN ["A01", "B\\"]"]');
  });

  it("prints numbers and booleans bare and refuses non-finite numbers", () => {
    expect(literal(220100)).toBe("220100");
    expect(literal(true)).toBe("true");
    expect(() => literal(Number.NaN)).toThrow(RangeError);
    expect(() => literal(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it("joins clauses with AND in parentheses and drops empty ones", () => {
    expect(and(eq("a", 1), undefined, false, eq("b", "x"))).toBe('(a = 1) AND (b = "x")');
    expect(and()).toBeUndefined();
    expect(() => inList("a", [])).toThrow();
  });
});
