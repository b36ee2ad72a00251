import { describe, expect, it } from "vitest";
import { annualValueFen, prefillAmountFen } from "../../app/domain/award";
import {
  compareYuanDecimal,
  fenToYuanDecimal,
  formatFen,
  formatWan,
  MAX_AMOUNT_FEN,
  parseYuanToFen,
  readYuan,
} from "../../app/domain/money";
import { parseProcurementRow } from "../../app/domain/procurement-import";
import { fenToReach, policyCheck, rate } from "../../app/domain/rates";
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

  it("has a maximum per amount of ¥10^12, told apart from a malformed amount", () => {
    expect(MAX_AMOUNT_FEN).toBe(10 ** 14);
    expect(parseYuanToFen("1,000,000,000,000")).toBe(MAX_AMOUNT_FEN);
    expect(readYuan("1000000000000.01")).toEqual({ ok: false, reason: "too_large" });
    expect(readYuan("9999999999999.99")).toEqual({ ok: false, reason: "too_large" });
    expect(readYuan("90071992547409.91")).toEqual({ ok: false, reason: "too_large" }); // 2^53 − 1 fen
    expect(readYuan("12x")).toEqual({ ok: false, reason: "format" });
  });

  it("formats sums past 2^53 fen exactly, in 元 and 万元", () => {
    const big = 2n ** 53n * 1000n + 7n; // 9,007,199,254,740,992,007 fen
    expect(formatFen(big)).toBe("90,071,992,547,409,920.07");
    expect(formatFen(big.toString())).toBe("90,071,992,547,409,920.07");
    expect(formatFen(-big)).toBe("-90,071,992,547,409,920.07");
    expect(formatFen(big, { decimals: 0 })).toBe("90,071,992,547,409,920");
    expect(formatFen(150n, { decimals: 0 })).toBe("2"); // ¥1.50 rounds half up
    expect(formatWan(12_345_678_900n)).toBe("12,345.68");
    expect(formatWan(big, 4)).toBe("9,007,199,254,740.9920");
    expect(formatWan(big, 0)).toBe("9,007,199,254,741");
    expect(fenToYuanDecimal(big)).toBe("90071992547409920.07");
    expect(fenToYuanDecimal(-5n)).toBe("-0.05");
    expect(compareYuanDecimal("90071992547409920.07", "90071992547409920.06")).toBe(1);
    expect(compareYuanDecimal("-0.05", "0.00")).toBe(-1);
    expect(() => formatFen(2 ** 53 + 2)).toThrow(RangeError); // never a number that lost digits
  });

  it("computes rates and the policy's figures exactly on sums past 2^53", () => {
    const total = 10n ** 20n + 1n;
    const local = 4n * 10n ** 19n; // just under 40%
    expect(rate({ totalFen: total, localFen: local })).toBeCloseTo(0.4, 12);
    // A float would say 40% is reached; exactly it is one fen short of 40% (0.4 fen, rounded up).
    expect(
      policyCheck({ totalFen: total, localFen: local }, { totalFen: 0n, localFen: 0n }, { totalFen: 0n, localFen: 0n }),
    ).toMatchObject({
      meetsMinRate: false,
      fenToMinRate: 1n,
    });
    expect(fenToReach({ totalFen: total, localFen: 0n }, 0.7)).toBe(70_000_000_000_000_000_001n);
  });

  it("refuses an imported row above the maximum with its own reason", () => {
    const row = {
      documentNo: "PO-1",
      year: "2026",
      plant: "OEM05",
      category: "A02",
      supplierName: "某公司",
      province: "上海",
    };
    expect(parseProcurementRow({ ...row, amount: "1000000000000.00" }).ok).toBe(true);
    expect(parseProcurementRow({ ...row, amount: "9999999999999.99" })).toEqual({
      ok: false,
      reasons: [{ code: "amount_too_large", value: "9999999999999.99" }],
    });
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
    const year = confirmForm.safeParse({ amount: "10", year: "1999" });
    expect(fieldErrors(year.error!)).toEqual({ year: "form.year" });
    // No year: the ledger period comes from the demand's SOP (issue 14, item 4).
    expect(confirmForm.safeParse({ amount: "10", year: "" }).data).toMatchObject({ year: null });
  });

  it("refuse an amount above ¥10^12 as too large, on the page and in the API", () => {
    const page = confirmForm.safeParse({ amount: "90,071,992,547,409.91", year: "2026" });
    expect(fieldErrors(page.error!)).toEqual({ amount: "form.moneyTooLarge" });
    const quote = respondForm.safeParse({ intent: "express_interest", quote: "1000000000000.01" });
    expect(fieldErrors(quote.error!)).toEqual({ quote: "form.moneyTooLarge" });
    expect(matchConfirm.safeParse({ amount_fen: Number.MAX_SAFE_INTEGER, year: 2026 }).success).toBe(false);
    expect(matchConfirm.safeParse({ amount_fen: MAX_AMOUNT_FEN, year: 2026 }).success).toBe(true);
    expect(
      matchRespond.safeParse({ action: "express_interest", quote_fen: MAX_AMOUNT_FEN + 1 }).error?.issues[0]?.message,
    ).toMatch(/at most 100000000000000 fen/);
  });
});

describe("a quote's value over a year", () => {
  it("is the quote × the annual volume, exactly past 2^53; the quote alone without a volume", () => {
    expect(annualValueFen(1_250, 40_000)).toEqual({ fen: 50_000_000n, perUnit: true });
    expect(annualValueFen(6_000_000, null)).toEqual({ fen: 6_000_000n, perUnit: false });
    expect(annualValueFen(6_000_000, 0)).toEqual({ fen: 6_000_000n, perUnit: false });
    expect(annualValueFen(MAX_AMOUNT_FEN, 1_000_000_000_000)).toEqual({
      fen: 100_000_000_000_000_000_000_000_000n,
      perUnit: true,
    });
  });

  it("prefills an award with it while it stays within the maximum amount, else with the quote", () => {
    expect(prefillAmountFen(1_250, 40_000)).toEqual({ fen: 50_000_000, perUnit: true });
    expect(prefillAmountFen(1_000_000_000, 100_000)).toEqual({ fen: MAX_AMOUNT_FEN, perUnit: true });
    expect(prefillAmountFen(1_000_000_000, 100_001)).toEqual({ fen: 1_000_000_000, perUnit: false });
    expect(prefillAmountFen(1_250, null)).toEqual({ fen: 1_250, perUnit: false });
    expect(prefillAmountFen(null, 40_000)).toBeNull();
  });
});
