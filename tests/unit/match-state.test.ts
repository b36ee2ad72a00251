import { describe, expect, it } from "vitest";
import { allowedActions, nextState, TransitionError } from "../../app/domain/match-state";

describe("match state machine", () => {
  it("walks the happy path: shortlist, invite, interest, confirm", () => {
    let s = nextState(null, "shortlist", "buyer");
    expect(s).toBe("shortlisted");
    s = nextState(s, "invite", "buyer");
    s = nextState(s, "express_interest", "supplier");
    expect(nextState(s, "confirm", "buyer")).toBe("confirmed");
  });

  it("refuses transitions out of order or by the wrong side", () => {
    expect(() => nextState("invited", "confirm", "buyer")).toThrow(TransitionError);
    expect(() => nextState("confirmed", "withdraw", "buyer")).toThrow(/cannot withdraw a match that is confirmed/);
    expect(() => nextState("declined", "express_interest", "supplier")).toThrow(TransitionError);
    expect(() => nextState("invited", "express_interest", "buyer")).toThrow(/not yours/);
    expect(() => nextState("interested", "confirm", "supplier")).toThrow(/not yours/);
  });

  it("lists what each side may do", () => {
    expect(allowedActions("invited", "supplier").sort()).toEqual(["decline", "express_interest"]);
    expect(allowedActions("interested", "buyer").sort()).toEqual(["confirm", "withdraw"]);
    expect(allowedActions("confirmed", "buyer")).toEqual([]);
  });
});
