import { describe, expect, it } from "vitest";
import { formatFen, parseYuanToFen } from "../../app/domain/money";
import { demandCreate, demandForm } from "../../app/features/demands/schemas";
import { confirmForm, matchConfirm, matchRespond, respondForm } from "../../app/features/matching/schemas";
import { fieldErrors } from "../../app/lib/forms.server";

describe("money in fen", () => {
  it("parses yuan to integer fen exactly", () => {
    expect(parseYuanToFen("1234.56")).toBe(123456);
    expect(parseYuanToFen("¥1,234.5")).toBe(123450);
    expect(parseYuanToFen("0.01")).toBe(1);
    expect(parseYuanToFen("8800000")).toBe(880000000);
    expect(parseYuanToFen("0.1")! + parseYuanToFen("0.2")!).toBe(30);
    for (const bad of ["", "abc", "1.234", "-5", "1e6", "12.3.4", "99999999999999"])
      expect(parseYuanToFen(bad), bad).toBeNull();
    expect(formatFen(123456)).toBe("1,234.56");
    expect(formatFen(5)).toBe("0.05");
  });
});

describe("demand schema", () => {
  const base = { plant: "OEM05", part_name: "副车架", category: "D01" };

  it("defaults the radius to 100 km and refuses radii outside 1–500", () => {
    expect(demandForm.parse(base)).toMatchObject({
      radius_km: 100,
      visibility: "all",
      required_certifications: [],
      allow_group: false,
      annual_volume: null,
      unit: "件",
    });
    expect(demandForm.safeParse({ ...base, radius_km: "0" }).success).toBe(false);
    expect(demandForm.safeParse({ ...base, radius_km: "501" }).success).toBe(false);
    expect(demandForm.safeParse({ ...base, required_certifications: "ISO9001" }).data?.required_certifications).toEqual(
      ["ISO9001"],
    );
    expect(demandForm.safeParse({ ...base, required_certifications: ["NOPE"] }).success).toBe(false);
  });

  it("is the API schema after a thin coercion of the form's strings", () => {
    const form = {
      ...base,
      allow_group: "1",
      annual_volume: " 80000 ",
      radius_km: "250",
      sop_date: "",
      response_deadline: "2026-12-31",
      spec: "  ",
      unit: "套",
      visibility: "invited",
    };
    const fromForm = demandForm.parse(form);
    const fromJson = demandCreate.parse({
      ...base,
      allow_group: true,
      annual_volume: 80000,
      radius_km: 250,
      response_deadline: "2026-12-31",
      unit: "套",
      visibility: "invited",
    });
    expect(fromForm).toEqual(fromJson);
  });

  it("answers the form with its message keys on its own field names", () => {
    const r = demandForm.safeParse({
      plant: "",
      part_name: " ",
      category: "x",
      radius_km: "900",
      sop_date: "31.12.2026",
      annual_volume: "many",
    });
    expect(r.success).toBe(false);
    expect(fieldErrors(r.error!)).toEqual({
      plant: "form.required",
      part_name: "form.required",
      category: "form.category",
      radius_km: "form.radius",
      sop_date: "form.date",
      annual_volume: "form.invalid",
    });
    // The API keeps zod's own messages.
    const api = demandCreate.safeParse({ plant: "OEM05", part_name: "", category: "E01", radius_km: 900 });
    expect(api.error?.issues.map((i) => i.path[0]).sort()).toEqual(["part_name", "radius_km"]);
    expect(api.error?.issues.every((i) => !i.message.startsWith("form."))).toBe(true);
  });
});

describe("answer and confirm forms", () => {
  it("convert the page's yuan to the API's fen", () => {
    expect(respondForm.parse({ intent: "express_interest", quote: "36.80", quote_note: " 含运输 " })).toEqual(
      matchRespond.parse({ action: "express_interest", quote_fen: 3680, quote_note: "含运输" }),
    );
    expect(respondForm.parse({ intent: "decline", reason: "产能不足" })).toEqual({
      action: "decline",
      reason: "产能不足",
    });
    expect(confirmForm.parse({ amount: "2,944,000.00", annual_volume: "", year: "2026" })).toEqual(
      matchConfirm.parse({ amount_fen: 294_400_000, year: 2026 }),
    );
  });

  it("refuse a bad amount on the form's field with the money message", () => {
    const quote = respondForm.safeParse({ intent: "express_interest", quote: "1.234" });
    expect(fieldErrors(quote.error!)).toEqual({ quote: "form.money" });
    const zero = confirmForm.safeParse({ amount: "0", year: "2026" });
    expect(fieldErrors(zero.error!)).toEqual({ amount: "form.money" });
    const year = confirmForm.safeParse({ amount: "10", year: "" });
    expect(fieldErrors(year.error!)).toEqual({ year: "form.invalid" });
  });
});
