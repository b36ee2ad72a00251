import { audit } from "../../../db/audit.server";
import { queueMail } from "../../../db/mail.server";
import {
  claimResetToken,
  insertResetToken,
  resetTokenState,
  type ResetTokenState,
} from "../../../db/password-resets.server";
import { invalidateUserSessions } from "../../../db/sessions.server";
import { clearAttempts } from "../../../db/throttle.server";
import { findUserByEmail, setPasswordHash } from "../../../db/users.server";
import { hashPassword } from "../../auth/password.server";
import { DomainError } from "../../domain/errors";
import { passwordContextProblem } from "../../domain/password";
import { throttleKey } from "../../domain/throttle";
import type { Deps } from "../deps.server";
import type { ForgotPasswordInput, ResetPasswordInput } from "./schemas";
import { takeAttempt } from "./throttle.server";

/**
 * Someone asks for a reset link (忘记密码). The answer never tells whether the e-mail has
 * an account: an active account gets a single-use token (its hash stored, one hour) and the
 * e-mail queued in the mail outbox, in one transaction with the audit row; an unknown or
 * deactivated one gets the audit row alone. Neither waits for any mail server (decision
 * 014), so both answer in the same time. Throttled per address and per e-mail, known or not.
 */
export async function requestPasswordReset(deps: Deps, input: ForgotPasswordInput, now = new Date()): Promise<void> {
  const email = input.email.toLowerCase();
  await takeAttempt(deps, "passwordResetAddress", [deps.ip ?? "unknown"], { now, subject: { email } });
  await takeAttempt(deps, "passwordResetAccount", [email], { now, subject: { email } });
  await deps.db.transaction().execute(async (trx) => {
    const user = await findUserByEmail(trx, email);
    if (!user || user.deactivated_at) {
      await audit(trx, { action: "password_reset_requested", detail: { email, account: false }, ip: deps.ip });
      return;
    }
    const { token, expiresAt } = await insertResetToken(trx, user.id, now);
    await queueMail(trx, user.id, "password_reset", { token, expiresAt: expiresAt.toISOString() });
    await audit(trx, {
      action: "password_reset_requested",
      organizationId: user.organization_id,
      subjectType: "user",
      subjectId: user.id,
      detail: { email, account: true },
      ip: deps.ip,
    });
  });
}

/** What a reset link is now (the page says so), and the account it is for when it is open. */
export async function resetLinkState(
  deps: Pick<Deps, "db">,
  token: string,
  now = new Date(),
): Promise<{ state: ResetTokenState; email?: string }> {
  const found = await resetTokenState(deps.db, token, now);
  return found.state === "open" ? { state: "open", email: found.user?.email } : { state: found.state };
}

/**
 * Set a new password through a reset link: the token is used once (atomically; every other
 * open link of the user is closed with it), every session of the user ends, the account's
 * sign-in failures are forgotten, and the audit row records it; all in one transaction.
 * A used, expired or unknown link is `reset_link_invalid`; the password follows the rules
 * of every new password (app/domain/password.ts).
 */
export async function resetPassword(
  deps: Deps,
  token: string,
  input: ResetPasswordInput,
  now = new Date(),
): Promise<{ userId: string }> {
  const found = await resetTokenState(deps.db, token, now);
  if (found.state !== "open" || !found.user) throw new DomainError("reset_link_invalid");
  const user = found.user;
  if (passwordContextProblem(input.password, [user.email, user.name_zh, user.name_en]))
    throw new DomainError("password.too_personal", "password");
  // Hashing is slow on purpose; it runs before the transaction holds a connection.
  const hash = await hashPassword(input.password);
  return deps.db.transaction().execute(async (trx) => {
    const userId = await claimResetToken(trx, token, now);
    if (!userId) throw new DomainError("reset_link_invalid");
    await setPasswordHash(trx, userId, hash, now);
    await invalidateUserSessions(trx, userId);
    await clearAttempts(trx, [throttleKey("signInAccount", user.email)]);
    await audit(trx, {
      action: "password_reset",
      actorUserId: userId,
      organizationId: user.organization_id,
      subjectType: "user",
      subjectId: userId,
      ip: deps.ip,
    });
    return { userId };
  });
}
