import { describe, expect, it } from "vitest";
import { entrantRewardOf, loadConfig } from "../../server/config";

describe("the entrant reward rule in the configuration", () => {
  it("defaults to the policy: 5%, at most ¥2,000,000, projects over ¥30,000,000", () => {
    expect(entrantRewardOf(loadConfig({}).env)).toEqual({
      ratePercent: 5,
      capFen: 200_000_000n,
      minTotalInvestmentFen: 3_000_000_000n,
    });
  });

  it("takes other values and refuses bad ones at boot, naming the variable", () => {
    const env = loadConfig({ PEITAO_ENTRANT_REWARD_PERCENT: "7.5", PEITAO_ENTRANT_REWARD_CAP_FEN: "100" }).env;
    expect(entrantRewardOf(env)).toMatchObject({ ratePercent: 7.5, capFen: 100n });
    expect(() => loadConfig({ PEITAO_ENTRANT_REWARD_PERCENT: "120" })).toThrow(/PEITAO_ENTRANT_REWARD_PERCENT/);
    expect(() => loadConfig({ PEITAO_ENTRANT_MIN_INVESTMENT_FEN: "lots" })).toThrow(
      /PEITAO_ENTRANT_MIN_INVESTMENT_FEN/,
    );
  });
});
