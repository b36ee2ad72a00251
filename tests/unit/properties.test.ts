import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { demandForm as demandSchema } from "../../app/features/demands/schemas";
import { parseYuanToFen } from "../../app/domain/money";
import { parseProcurementRow } from "../../app/domain/procurement-import";
import { parseImportRow } from "../../app/domain/supplier-import";
import { decodeCsv, ImportFileError } from "../../app/lib/import/records";
import { supplierProfileSchema } from "../../app/domain/supplier-profile";
import { checkUscc, makeUscc, USCC_CHARSET } from "../../app/domain/uscc";
import { signUpSchema } from "../../app/features/accounts/schemas";
import { literal } from "../../search/filter";

/** Undo `literal`: what a filter parser reads back from the quoted string. */
function unquote(lit: string): string {
  expect(lit.startsWith('"') && lit.endsWith('"')).toBe(true);
  let out = "";
  for (let i = 1; i < lit.length - 1; i++) {
    const ch = lit[i]!;
    if (ch === "\\") {
      out += lit[++i]!;
    } else {
      // An unescaped quote inside would end the literal early: never allowed.
      expect(ch).not.toBe('"');
      out += ch;
    }
  }
  return out;
}

describe("properties", () => {
  it("filter literals always round-trip and never leave a quote unescaped", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        expect(unquote(literal(s))).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });

  it("generated USCCs are valid; arbitrary strings never throw", () => {
    fc.assert(
      fc.property(fc.integer({ min: 110000, max: 659999 }), fc.integer({ min: 0, max: 99_999_999 }), (ad, serial) => {
        expect(checkUscc(makeUscc(ad, serial)).ok).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (s) => void checkUscc(s)),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.stringMatching(new RegExp(`^[${USCC_CHARSET}]{18}$`)), (s) => {
        const r = checkUscc(s);
        expect(r.ok || (!r.ok && r.problem === "check_digit")).toBe(true);
      }),
    );
  });

  it("no input makes a schema or parser throw: they answer with issues", () => {
    const anything = fc.anything();
    fc.assert(
      fc.property(anything, (v) => {
        supplierProfileSchema.safeParse(v);
        demandSchema.safeParse(v);
        signUpSchema.safeParse(v);
      }),
      { numRuns: 1000 },
    );
    const record = fc.dictionary(
      fc.constantFrom(
        "uscc",
        "nameZh",
        "county",
        "categories",
        "lat",
        "lng",
        "datum",
        "certifications",
        "employees",
        "contactEmail",
        "externalId",
        "prefecture",
        "precision",
        "precisionKm",
        "status",
        "sourceUrls",
      ),
      fc.string(),
    );
    const county = {
      adcode: 220106,
      name: "绿园区",
      isCity: false,
      parentAdcode: 220100,
      lat: 43.8,
      lng: 125.2,
      radiusKm: 13,
    };
    const city = {
      adcode: 220100,
      name: "长春市",
      isCity: true,
      parentAdcode: 220000,
      lat: 43.88,
      lng: 125.32,
      radiusKm: 89,
    };
    const lookups = {
      places: new Map([
        ["220106", [county]],
        ["220100", [city]],
        ["长春市", [city]],
      ]),
      categories: new Set(["E01"]),
    };
    fc.assert(
      fc.property(record, (r) => void parseImportRow(r, lookups)),
      { numRuns: 2000 },
    );
    const proc = fc.dictionary(
      fc.constantFrom(
        "documentNo",
        "year",
        "quarter",
        "plant",
        "category",
        "amount",
        "supplierUscc",
        "supplierName",
        "province",
        "county",
        "lat",
        "lng",
      ),
      fc.string(),
    );
    fc.assert(
      fc.property(proc, (r) => void parseProcurementRow(r)),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string(), (s) => void parseYuanToFen(s)),
      { numRuns: 2000 },
    );
  });

  it("any bytes decode as CSV or are refused with an ImportFileError, never anything else", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          decodeCsv(bytes);
        } catch (err) {
          expect(err).toBeInstanceOf(ImportFileError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
