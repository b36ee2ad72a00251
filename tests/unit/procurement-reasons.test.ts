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
    const extra: ProcurementProblem[] = [
      { code: "place_needed" },
      { code: "uscc.charset" },
      { code: "uscc.check_digit" },
      { code: "not_your_plant", value: "OEM01" },
      { code: "unknown_category", value: "Z99" },
      { code: "refused", problem: "constraint" },
      { code: "province_county", value: "吉林", county: "210106", countyProvince: "210000" },
      { code: "province_point", province: "220000", point: "31.2, 121.5" },
      { code: "province_unknown", value: "43.16, 124.38" },
      { code: "distance_unknown", province: "210000", plant: "OEM12" },
      { code: "document_changed", value: "PO-1", entry: "42", fields: ["amount", "supplierName"] },
      { code: "document_repeated", value: "PO-1", row: "7", fields: ["quarter"] },
    ];
    for (const r of [...reasons, ...extra]) {
      for (const lang of ["zh", "en"] as const) {
        const text = problemText(lang, r);
        expect(text).not.toMatch(/ledger\.reason|\{\w+\}/);
        if ("value" in r) expect(text).toContain(r.value);
      }
    }
    // Provinces by name in the reader's language, columns by their headers.
    expect(problemText("zh", extra[6]!)).toBe("省份“吉林”与区县代码 210106（辽宁省）不符");
    expect(problemText("en", extra[6]!)).toBe("province “吉林” contradicts county 210106 (Liaoning)");
    expect(problemText("en", extra[7]!)).toBe("coordinates 31.2, 121.5 lie outside Jilin");
    expect(problemText("zh", extra[10]!)).toBe(
      "单据号 PO-1 已导入（台账记录 #42），本行的金额（元）、供应商名称与之不同。更正方法：先冲销该记录，再导入更正后的单据",
    );
    expect(problemText("en", extra[10]!)).toContain(
      "differs in amount_cny, supplier_name. To correct it, reverse that entry",
    );
    expect(problemText("zh", { code: "year", value: "1999" })).toBe("年度无效：1999");
    expect(problemBilingual({ code: "year", value: "1999" })).toBe("年度无效：1999 invalid year: 1999");
  });
});
