import { describe, expect, it } from "vitest";
import { cellStatus, EMPTY_LEDGER, localShare, outOfProvinceFen, type CellLedger } from "../../app/domain/chain";

const t = { thinMinVerified: 1, coveredMinVerified: 3, coveredMinShare: 0.4 };
const ledger = (over: Partial<CellLedger>): CellLedger => ({ ...EMPTY_LEDGER, ...over });

describe("chain map colour rule", () => {
  it("no verified supplier inside is a gap, whatever the ledger says", () => {
    expect(cellStatus({ verifiedInside: 0, ledger: ledger({ totalFen: 10n, provinceFen: 10n }) }, "province", t)).toBe(
      "gap",
    );
  });
  it("fewer than 3 is thin; 3 without procurement is covered", () => {
    expect(cellStatus({ verifiedInside: 2, ledger: EMPTY_LEDGER }, "province", t)).toBe("thin");
    expect(cellStatus({ verifiedInside: 3, ledger: EMPTY_LEDGER }, "circle", t)).toBe("covered");
  });
  it("40% exactly is covered, a fen less is thin, on the basis asked", () => {
    const at40 = ledger({ totalFen: 1000n, provinceFen: 400n, circleFen: 399n });
    expect(cellStatus({ verifiedInside: 3, ledger: at40 }, "province", t)).toBe("covered");
    expect(cellStatus({ verifiedInside: 3, ledger: at40 }, "circle", t)).toBe("thin");
  });
  it("is exact past 2^53 fen", () => {
    const big = 10n ** 20n;
    const l = ledger({ totalFen: big * 10n, provinceFen: big * 4n - 1n });
    expect(cellStatus({ verifiedInside: 5, ledger: l }, "province", t)).toBe("thin");
  });
  it("shares: none without procurement; out of province leaves unknown aside", () => {
    expect(localShare(EMPTY_LEDGER, "province")).toBeNull();
    const l = ledger({ totalFen: 900n, provinceFen: 100n, provinceUnknownFen: 50n });
    expect(outOfProvinceFen(l)).toBe(750n);
    expect(localShare(l, "province")).toBeCloseTo(1 / 9, 12);
  });
});
