/**
 * A refusal a user can cause (a taken e-mail, a transition the state machine forbids, a
 * plant that is not theirs). `code` names it; the page error mapper turns it into a field
 * error (`form.<code>`), the API error mapper into a problem response. `field` names the
 * input it belongs to, when it belongs to one.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly field?: string,
  ) {
    super(code);
    this.name = "DomainError";
  }
}
