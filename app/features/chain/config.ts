import type { ChainThresholds } from "../../domain/chain";

/**
 * The chain map's colour rule (docs/decisions/015-chain-map.md). One place to change them;
 * the API reports the values it used with every answer.
 *
 * - gap (缺链): no verified supplier inside the 100 km circle;
 * - covered: at least 3 verified suppliers inside (a buyer can compare quotes, and one
 *   supplier's failure leaves two) and at least 40% of the category bought locally on the
 *   chosen basis, the OEM reward threshold of the provincial policy;
 * - thin: anything between.
 */
export const CHAIN_THRESHOLDS: ChainThresholds = {
  thinMinVerified: 1,
  coveredMinVerified: 3,
  coveredMinShare: 0.4,
};

/** How often the server recomputes the chain map's supplier cells a registry change has marked (decision 017). */
export const CHAIN_REFRESH_EVERY_MS = 5_000;
