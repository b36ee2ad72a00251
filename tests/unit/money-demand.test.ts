import { describe, expect, it } from "vitest";
import { demandSchema } from "../../app/domain/demand";
import { formatFen, parseYuanToFen } from "../../app/domain/money";

describe("money in fen", () => {
  it("parses yuan to integer fen exactly", () => {
    expect(parseYuanToFen("1234.56")).toBe(123456);
    expect(parseYuanToFen("¥1,234.5")).toBe(123450);
    expect(parseYuanToFen("0.01")).toBe(1);
    expect(parseYuanToFen("8800000")).toBe(880000000);
    expect(parseYuanToFen("0.1")! + parseYuanToFen("0.2")!).toBe(30);
    for (const bad of ["", "abc", "1.234", "-5", "1e6", "12.3.4", "99999999999999"]) expect(parseYuanToFen(bad), bad).toBeNull();
    expect(formatFen(123456)).toBe("1,234.56");
    expect(formatFen(5)).toBe("0.05");
  });
});

describe("demand schema", () => {
  it("defaults the radius to 100 km and refuses radii outside 1–500", () => {
    const base = { plantId: "00000000-0000-4000-8000-000000000001", partName: "副车架", categoryCode: "D01" };
    expect(demandSchema.parse(base)).toMatchObject({ radiusKm: 100, visibility: "all", requiredCerts: [], allowGroup: false });
    expect(demandSchema.safeParse({ ...base, radiusKm: "0" }).success).toBe(false);
    expect(demandSchema.safeParse({ ...base, radiusKm: "501" }).success).toBe(false);
    expect(demandSchema.safeParse({ ...base, requiredCerts: "ISO9001" }).data?.requiredCerts).toEqual(["ISO9001"]);
    expect(demandSchema.safeParse({ ...base, requiredCerts: ["NOPE"] }).success).toBe(false);
  });
});
