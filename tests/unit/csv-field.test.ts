import { describe, expect, it } from "vitest";
import { csvField, parseCsv, spreadsheetCells, spreadsheetText } from "../../app/lib/import/csv";

describe("csvField (the CSV we write)", () => {
  it("neutralizes text a spreadsheet would run as a formula", () => {
    expect(csvField('=HYPERLINK("http://x","a")')).toBe(`"'=HYPERLINK(""http://x"",""a"")"`);
    for (const s of ["+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx"]) expect(csvField(s).replace(/^"/, "")[0]).toBe("'");
  });
  it("leaves numbers (negative ones too) and ordinary text as they are", () => {
    expect(csvField(-3.5)).toBe("-3.5");
    expect(csvField(0)).toBe("0");
    expect(csvField(null)).toBe("");
    expect(csvField("长春市 A01")).toBe("长春市 A01");
  });
  it("round-trips through the CSV reader", () => {
    const fields = ["a,b", 'say "hi"', "line\nbreak", "=1+1"];
    expect(parseCsv(fields.map(csvField).join(","))).toEqual([["a,b", 'say "hi"', "line\nbreak", "'=1+1"]]);
  });
});

describe("spreadsheetText (every cell we write, XLSX too)", () => {
  it("prefixes text a spreadsheet would run with an apostrophe, and nothing else", () => {
    for (const t of ["=1+1", "+1", "-x", "@A1", "\tx", "\rx"]) expect(spreadsheetText(t)).toBe(`'${t}`);
    for (const t of ["", "a=1", "长春", "'=1", " =1"]) expect(spreadsheetText(t)).toBe(t);
  });
  it("leaves numbers and blanks of a row alone", () => {
    expect(spreadsheetCells(["=1", -2, null, "x"])).toEqual(["'=1", -2, null, "x"]);
  });
});
