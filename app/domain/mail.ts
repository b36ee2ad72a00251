/**
 * E-mail rules (issue 14): which notification kinds come by e-mail unless a user chose
 * otherwise, how long a password reset link lives, and how a failed delivery is retried.
 */

/**
 * The notification kinds a user chooses about on /account. A kind the product sends that is
 * not listed here (a newer one) follows the user's choice for "other".
 */
export const EMAIL_KINDS = [
  "demand_fits",
  "invited",
  "match_confirmed",
  "supplier_interested",
  "supplier_declined",
  "sign_up_email_registered",
  "invitation_email_registered",
  "other",
] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

/**
 * Defaults, for a user who never chose: what leads to business (a demand that fits, an
 * invitation, an award, a supplier's answer) and what concerns the account's security come
 * by e-mail; a decline is only in the app.
 */
export const EMAIL_DEFAULTS: Record<EmailKind, boolean> = {
  demand_fits: true,
  invited: true,
  match_confirmed: true,
  supplier_interested: true,
  supplier_declined: false,
  sign_up_email_registered: true,
  invitation_email_registered: true,
  other: true,
};

const ACCOUNT_KINDS: EmailKind[] = ["sign_up_email_registered", "invitation_email_registered", "other"];

/** The kinds a member of an organization of `kind` can receive, so the choices on /account. */
export function emailKindsFor(kind: "oem" | "supplier" | "agency"): EmailKind[] {
  if (kind === "supplier") return ["demand_fits", "invited", "match_confirmed", ...ACCOUNT_KINDS];
  if (kind === "oem") return ["supplier_interested", "supplier_declined", ...ACCOUNT_KINDS];
  return ACCOUNT_KINDS;
}

/** The preference a notification kind follows. */
export function emailKindOf(kind: string): EmailKind {
  return (EMAIL_KINDS as readonly string[]).includes(kind) ? (kind as EmailKind) : "other";
}

/** Whether a notification of `kind` goes by e-mail, given the user's stored choices. */
export function wantsEmail(kind: string, choices: ReadonlyMap<string, boolean>): boolean {
  const k = emailKindOf(kind);
  return choices.get(k) ?? EMAIL_DEFAULTS[k];
}

/** A password reset link is valid this long after it was asked for, and once. */
export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;

/** A reset token: 48 letters of the session alphabet (two 120-bit random tokens). */
export const RESET_TOKEN_PATTERN = /^[a-z2-9]{48}$/;

/** Delivery attempts of one e-mail before it is given up (logged and kept as failed). */
export const MAIL_MAX_ATTEMPTS = 12;

/** Wait before the next attempt after `attempts` failures: 30 s doubling, at most 1 hour. */
export function mailRetryDelayMs(attempts: number): number {
  return Math.min(3600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}
