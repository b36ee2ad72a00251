import { describe, expect, it } from "vitest";
import {
  certificateState,
  certKindKey,
  dayNumber,
  expiredCertificateIndexes,
  refusedExpiredIndexes,
  validKinds,
  withExpiry,
} from "../../app/domain/certificates";

describe("certificate expiry (China's day)", () => {
  it("is valid through its end date and expired from the next day; no end date never expires", () => {
    expect(certificateState("2026-11-23", "2026-11-23")).toBe("valid");
    expect(certificateState("2026-11-22", "2026-11-23")).toBe("expired");
    expect(certificateState("2026-12-31", "2026-11-23")).toBe("valid");
    expect(certificateState(null, "2026-11-23")).toBe("valid");
    expect(certificateState(undefined, "2099-01-01")).toBe("valid");
  });

  it("finds the expired ones by position, and the kinds still held", () => {
    const certs = [
      { kind: "IATF16949", validUntil: "2025-01-01" },
      { kind: "ISO9001", validUntil: null },
      { kind: "IATF16949", validUntil: "2027-01-01" },
      { kind: "ISO14001", validUntil: "2026-11-22" },
    ];
    expect(expiredCertificateIndexes(certs, "2026-11-23")).toEqual([0, 3]);
    expect(validKinds(certs, "2026-11-23").sort()).toEqual(["IATF16949", "ISO9001"]);
    expect(withExpiry(certs, "2026-11-23").map((c) => c.expired)).toEqual([true, false, false, true]);
  });

  it("refuses a newly entered expired certificate but keeps one stored before and expired since", () => {
    const stored = [{ kind: "ISO14001", name: "", validUntil: "2021-03-31" }];
    const submitted = [
      { kind: "ISO14001", name: "", validUntil: "2021-03-31" },
      { kind: "ISO9001", name: "", validUntil: "2022-01-01" },
      { kind: "IATF16949", name: "", validUntil: "2030-01-01" },
    ];
    expect(refusedExpiredIndexes(submitted, stored, "2026-11-23")).toEqual([1]);
    // Changing the stored one's date to another past date is entering it anew.
    expect(refusedExpiredIndexes([{ ...submitted[0]!, validUntil: "2021-04-30" }], stored, "2026-11-23")).toEqual([0]);
  });

  it("writes days and kinds so a search filter can compare and name them", () => {
    expect(dayNumber("2026-11-23")).toBe(20261123);
    expect(dayNumber(null)).toBe(99991231);
    expect(certKindKey("VDA6.3")).toBe("VDA6_3");
    expect(certKindKey("IATF16949")).toBe("IATF16949");
  });
});
