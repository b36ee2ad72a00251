import { audit } from "../../../db/audit.server";
import { createSession, invalidateSession, invalidateUserSessions } from "../../../db/sessions.server";
import {
  clearAttempts,
  countAttempt,
  isKnownSignInAddress,
  pruneThrottle,
  refundAttempt,
  rememberSignInAddress,
  type Counted,
} from "../../../db/throttle.server";
import { findUserByEmail, passwordOwner, setPasswordHash } from "../../../db/users.server";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "../../auth/password.server";
import { DomainError } from "../../domain/errors";
import { passwordContextProblem } from "../../domain/password";
import type { Actor } from "../../domain/policy";
import { DEFAULT_SESSION_LIFETIME, type SessionLifetime } from "../../domain/session-lifetime";
import { LIMITS, throttleKey, withinLimit, type ThrottleScope } from "../../domain/throttle";
import type { Deps } from "../deps.server";
import type { ChangePasswordInput, SignInInput } from "./schemas";
import { auditLimitReached, takeAttempt } from "./throttle.server";

/**
 * Why a sign-in was refused: too many failures for this account from this address (or from
 * this address overall), too many for this account from everywhere (addresses it signed in
 * from before are not held back by that), a wrong e-mail or password (never which), or a
 * right password of a member their organization removed.
 */
export type SignInRefusal = "throttled" | "throttled_account" | "bad_credentials" | "deactivated";
export type SignInResult =
  { ok: true; userId: string; organizationId: string } | { ok: false; refusal: SignInRefusal; retryAt?: Date };

/**
 * Check a sign-in. Each attempt is counted before the password is verified (an atomic
 * increment per counter, app/domain/throttle.ts), so concurrent attempts cannot all slip
 * past the limit. The refusal is a result, not a DomainError: the failed attempt's
 * `sign_in_failed` audit row must be committed, not rolled back with the refusal. The
 * session itself (and its cookie) is started by the caller (app/auth/sign-in.server.ts).
 */
export async function signIn(
  deps: Deps,
  input: Pick<SignInInput, "email" | "password">,
  now = new Date(),
): Promise<SignInResult> {
  const email = input.email.toLowerCase();
  const ip = deps.ip ?? "unknown";
  const key = (scope: ThrottleScope, ...parts: string[]) => ({
    key: throttleKey(scope, ...parts),
    windowMs: LIMITS[scope].windowMs,
  });
  const pair = key("signInPair", email, ip);
  const account = key("signInAccount", email);
  const address = key("signInAddress", ip);
  const refuse = async (scope: ThrottleScope, counted: Counted, refusal: SignInRefusal): Promise<SignInResult> => {
    await auditLimitReached(deps, scope, counted, { email });
    return { ok: false, refusal, retryAt: counted.expiresAt };
  };

  // The pair first: attempts refused here count against nothing else, so one address
  // hammering one account does not use up the account's (or the address's) allowance.
  const [pairCount] = await countAttempt(deps.db, [pair], now);
  if (!withinLimit("signInPair", pairCount!.attempts)) return refuse("signInPair", pairCount!, "throttled");
  const [accountCount, addressCount] = await countAttempt(deps.db, [account, address], now);
  if (!withinLimit("signInAddress", addressCount!.attempts)) return refuse("signInAddress", addressCount!, "throttled");
  if (!withinLimit("signInAccount", accountCount!.attempts)) {
    // Only addresses the account has never signed in from are held back: a stranger's
    // failures from elsewhere do not lock the owner out.
    if (!(await isKnownSignInAddress(deps.db, email, ip, now)))
      return refuse("signInAccount", accountCount!, "throttled_account");
    await auditLimitReached(deps, "signInAccount", accountCount!, { email });
  }

  // Password hashing is slow on purpose; it runs before the transaction holds a connection.
  const user = await findUserByEmail(deps.db, email);
  const ok = user ? await verifyPassword(user.password_hash, input.password) : await verifyAgainstDummy(input.password);
  return deps.db.transaction().execute(async (trx) => {
    if (!user || !ok || user.deactivated_at) {
      await audit(trx, {
        action: "sign_in_failed",
        actorUserId: user?.id,
        organizationId: user?.organization_id,
        detail: { email, ...(user && ok ? { reason: "deactivated" } : {}) },
        ip: deps.ip,
      });
      // Only the holder of the password learns that the account was deactivated.
      return { ok: false, refusal: user && ok ? "deactivated" : "bad_credentials" } as const;
    }
    // The owner is in: their account's failures are forgotten, the address gets its attempt
    // back and becomes one the account signs in from.
    await clearAttempts(trx, [pair.key, account.key]);
    await refundAttempt(trx, address.key);
    await rememberSignInAddress(trx, email, ip, now);
    await pruneThrottle(trx, now);
    await audit(trx, { action: "sign_in", actorUserId: user.id, organizationId: user.organization_id, ip: deps.ip });
    return { ok: true, userId: user.id, organizationId: user.organization_id } as const;
  });
}

/** End the actor's session (the caller clears the cookie). */
export async function signOut(deps: Deps, actor: Actor): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    if (actor.sessionId) await invalidateSession(trx, actor.sessionId);
    await audit(trx, {
      action: "sign_out",
      actorUserId: actor.userId,
      organizationId: actor.organizationId,
      ip: deps.ip,
    });
  });
}

/**
 * Change the signed-in user's password: every session of the user ends, and a new one is
 * created for this browser; its token is returned for the caller's cookie. The current
 * password check is throttled per user (counted before it is verified).
 */
export async function changePassword(
  deps: Deps,
  actor: Actor,
  input: ChangePasswordInput,
  lifetime: SessionLifetime = DEFAULT_SESSION_LIFETIME,
): Promise<{ sessionToken: string; expiresAt: Date }> {
  const userId = actor.userId;
  if (!userId) throw new DomainError("wrong_password", "currentPassword");
  const owner = await passwordOwner(deps.db, userId);
  if (!owner) throw new DomainError("wrong_password", "currentPassword");
  const key = await takeAttempt(deps, "passwordCheck", [userId], {
    field: "currentPassword",
    subject: { userId, organizationId: actor.organizationId, email: owner.email },
  });
  if (!(await verifyPassword(owner.password_hash, input.currentPassword)))
    throw new DomainError("wrong_password", "currentPassword");
  if (passwordContextProblem(input.newPassword, [owner.email, owner.name_zh, owner.name_en]))
    throw new DomainError("password.too_personal", "newPassword");
  const newHash = await hashPassword(input.newPassword);
  return deps.db.transaction().execute(async (trx) => {
    await clearAttempts(trx, [key]);
    await setPasswordHash(trx, userId, newHash);
    // Every session of the user ends; this browser gets a fresh one.
    await invalidateUserSessions(trx, userId);
    const { token, session } = await createSession(trx, userId, new Date(), lifetime);
    await audit(trx, {
      action: "password_changed",
      actorUserId: userId,
      organizationId: actor.organizationId,
      ip: deps.ip,
    });
    return { sessionToken: token, expiresAt: session.expiresAt };
  });
}
