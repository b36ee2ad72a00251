import { describe, expect, it } from "vitest";
import { checkUscc, makeUscc, usccCheckChar, USCC_CHARSET } from "../../app/domain/uscc";

// Codes published on the registrants' own public filings.
const PUBLIC_CODES = ["914403001922038216", "9144030071526726XG", "91350100M000100Y43"];

describe("USCC (GB 32100-2015)", () => {
  it("accepts valid public codes, also in lower case with spaces around", () => {
    for (const code of PUBLIC_CODES) expect(checkUscc(code)).toEqual({ ok: true, code });
    expect(checkUscc(" 9144030071526726xg ")).toEqual({ ok: true, code: "9144030071526726XG" });
  });

  it("refuses every single-character change of a valid code", () => {
    for (const code of PUBLIC_CODES) {
      for (let i = 0; i < 18; i++) {
        for (const ch of USCC_CHARSET) {
          if (ch === code[i]) continue;
          const mutated = code.slice(0, i) + ch + code.slice(i + 1);
          expect(checkUscc(mutated).ok, mutated).toBe(false);
        }
      }
    }
  });

  it("names the problem: length, character set, check digit", () => {
    expect(checkUscc("91440300192203821")).toEqual({ ok: false, problem: "length" });
    expect(checkUscc("91440300192203821I")).toEqual({ ok: false, problem: "charset" });
    expect(checkUscc("914403001922038217")).toEqual({ ok: false, problem: "check_digit" });
  });

  it("makes valid codes for sample data", () => {
    const code = makeUscc(220106, 30_000_001);
    expect(checkUscc(code).ok).toBe(true);
    expect(code.slice(2, 8)).toBe("220106");
    expect(usccCheckChar(code.slice(0, 17))).toBe(code[17]);
  });
});
