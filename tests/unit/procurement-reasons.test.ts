import { describe, expect, it } from "vitest";
import { parseProcurementRow, type ProcurementProblem } from "../../app/domain/procurement-import";
import { problemBilingual, problemText } from "../../app/features/ledger/import-report";

describe("procurement row reasons come from the catalogue", () => {
  it("names each problem by a code whose message exists in both languages, with the offending value", () => {
    const bad = parseProcurementRow({
      documentNo: "",
      year: "1999",
      quarter: "5",
      plant: "",
      category: "a",
      amount: "-1",
      supplierName: "",
      supplierUscc: "X",
      county: "999999",
      province: "火星省",
      lat: "x",
    });
    expect(bad.ok).toBe(false);
    const reasons = (bad as { reasons: ProcurementProblem[] }).reasons;
    expect(reasons.map((r) => r.code)).toEqual([
      "document_no",
      "year",
      "quarter",
      "amount",
      "category",
      "plant_required",
      "supplier_name",
      "uscc.length",
      "county",
      "province",
      "coordinates",
    ]);
    const unplaced = parseProcurementRow({
      documentNo: "PO-1",
      year: "2026",
      plant: "OEM05",
      category: "A02",
      amount: "1",
      supplierName: "某公司",
    });
    expect(unplaced).toEqual({ ok: false, reasons: [{ code: "place_needed" }] });
    const extra: ProcurementProblem[] = [
      { code: "place_needed" },
      { code: "uscc.charset" },
      { code: "uscc.check_digit" },
      { code: "not_your_plant", value: "OEM01" },
      { code: "unknown_category", value: "Z99" },
      { code: "refused", value: "check" },
    ];
    for (const r of [...reasons, ...extra]) {
      for (const lang of ["zh", "en"] as const) {
        const text = problemText(lang, r);
        expect(text).not.toMatch(/ledger\.reason|\{value\}/);
        if ("value" in r) expect(text).toContain(r.value);
      }
    }
    expect(problemText("zh", { code: "year", value: "1999" })).toBe("年度无效：1999");
    expect(problemBilingual({ code: "year", value: "1999" })).toBe("年度无效：1999 invalid year: 1999");
  });
});
