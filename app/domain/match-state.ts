import { DomainError } from "./errors";
import type { AuditAction, MatchState } from "./vocabulary";

export type MatchAction = "shortlist" | "invite" | "nominate" | "express_interest" | "decline" | "confirm" | "withdraw";
export type MatchSide = "buyer" | "supplier";

/** The one table of allowed transitions: from a state, by an action, to a state, by whom. */
const TRANSITIONS: Record<MatchAction, { from: (MatchState | null)[]; to: MatchState; by: MatchSide }> = {
  shortlist: { from: [null], to: "shortlisted", by: "buyer" },
  invite: { from: [null, "shortlisted"], to: "invited", by: "buyer" },
  // 自荐: a supplier that fits an open demand answers it uninvited, with a quote (a buyer's
  // shortlist is the buyer's private note, so it does not stand in the way).
  nominate: { from: [null, "shortlisted"], to: "interested", by: "supplier" },
  express_interest: { from: ["invited"], to: "interested", by: "supplier" },
  decline: { from: ["invited", "interested"], to: "declined", by: "supplier" },
  confirm: { from: ["interested"], to: "confirmed", by: "buyer" },
  withdraw: { from: ["shortlisted", "invited", "interested"], to: "withdrawn", by: "buyer" },
};

export class TransitionError extends Error {
  constructor(
    readonly from: MatchState | null,
    readonly action: MatchAction,
    readonly reason: "not_allowed" | "wrong_side",
  ) {
    super(
      reason === "wrong_side" ? `${action} is not yours to do` : `cannot ${action} a match that is ${from ?? "new"}`,
    );
  }
}

/** The state after `action`, or a TransitionError saying why not. */
export function nextState(from: MatchState | null, action: MatchAction, side: MatchSide): MatchState {
  const t = TRANSITIONS[action];
  if (t.by !== side) throw new TransitionError(from, action, "wrong_side");
  if (!t.from.includes(from)) throw new TransitionError(from, action, "not_allowed");
  return t.to;
}

/**
 * The state after `action`, or a DomainError a user can be shown
 * (`transition_not_allowed`, `transition_wrong_side`).
 */
export function transition(from: MatchState | null, action: MatchAction, side: MatchSide): MatchState {
  try {
    return nextState(from, action, side);
  } catch (err) {
    if (err instanceof TransitionError) throw new DomainError(`transition_${err.reason}`);
    throw err;
  }
}

/** Which side takes an action. */
export function sideOf(action: MatchAction): MatchSide {
  return TRANSITIONS[action].by;
}

/** The audit action that records a match action (interest and decline are both answers). */
export const MATCH_AUDIT_ACTIONS: Record<MatchAction, AuditAction> = {
  shortlist: "match_shortlisted",
  invite: "match_invited",
  nominate: "match_nominated",
  express_interest: "match_responded",
  decline: "match_responded",
  confirm: "match_confirmed",
  withdraw: "match_withdrawn",
};

/** Actions a side may take from a state (for showing buttons). */
export function allowedActions(from: MatchState | null, side: MatchSide): MatchAction[] {
  return (Object.keys(TRANSITIONS) as MatchAction[]).filter(
    (a) => TRANSITIONS[a].by === side && TRANSITIONS[a].from.includes(from),
  );
}
