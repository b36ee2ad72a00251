import type { AppLoadContext } from "@remix-run/node";
import { DEFAULT_ENTRANT_REWARD, type EntrantRewardRule } from "../../domain/policy-rules";

/** The entrant reward rule of the configuration (server/config.ts), the policy's without one. */
export function entrantRule(context: AppLoadContext): EntrantRewardRule {
  return context.entrantReward ?? DEFAULT_ENTRANT_REWARD;
}
