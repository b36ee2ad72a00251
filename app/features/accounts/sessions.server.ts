import { audit } from "../../../db/audit.server";
import { createSession, invalidateSession, invalidateUserSessions } from "../../../db/sessions.server";
import { recordSignInAttempt, signInAllowed } from "../../../db/throttle.server";
import { findUserByEmail, passwordHashOf, setPasswordHash } from "../../../db/users.server";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "../../auth/password.server";
import { DomainError } from "../../domain/errors";
import type { Actor } from "../../domain/policy";
import type { Deps } from "../deps.server";
import type { ChangePasswordInput, SignInInput } from "./schemas";

/** Why a sign-in was refused: too many failures, or a wrong e-mail or password (never which). */
export type SignInRefusal = "throttled" | "bad_credentials";
export type SignInResult = { ok: true; userId: string; organizationId: string } | { ok: false; refusal: SignInRefusal };

/**
 * Check a sign-in. The refusal is a result, not a DomainError: the failed attempt and its
 * `sign_in_failed` audit row must be committed, not rolled back with the refusal. The
 * session itself (and its cookie) is started by the caller (app/auth/sign-in.server.ts).
 */
export async function signIn(deps: Deps, input: Pick<SignInInput, "email" | "password">): Promise<SignInResult> {
  const { email, password } = input;
  const ip = deps.ip ?? "unknown";
  // Throttled attempts are neither verified nor recorded, so they cannot extend the lock.
  if (!(await signInAllowed(deps.db, email, ip))) return { ok: false, refusal: "throttled" };
  // Password hashing is slow on purpose; it runs before the transaction holds a connection.
  const user = await findUserByEmail(deps.db, email);
  const ok = user ? await verifyPassword(user.password_hash, password) : await verifyAgainstDummy(password);
  return deps.db.transaction().execute(async (trx) => {
    await recordSignInAttempt(trx, email, ip, ok);
    if (!user || !ok) {
      await audit(trx, {
        action: "sign_in_failed",
        actorUserId: user?.id,
        organizationId: user?.organization_id,
        detail: { email },
        ip: deps.ip,
      });
      return { ok: false, refusal: "bad_credentials" } as const;
    }
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
 * created for this browser; its token is returned for the caller's cookie.
 */
export async function changePassword(
  deps: Deps,
  actor: Actor,
  input: ChangePasswordInput,
): Promise<{ sessionToken: string }> {
  const userId = actor.userId;
  if (!userId) throw new DomainError("wrong_password", "currentPassword");
  const hash = await passwordHashOf(deps.db, userId);
  if (!hash || !(await verifyPassword(hash, input.currentPassword)))
    throw new DomainError("wrong_password", "currentPassword");
  const newHash = await hashPassword(input.newPassword);
  return deps.db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, userId, newHash);
    // Every session of the user ends; this browser gets a fresh one.
    await invalidateUserSessions(trx, userId);
    const { token } = await createSession(trx, userId);
    await audit(trx, {
      action: "password_changed",
      actorUserId: userId,
      organizationId: actor.organizationId,
      ip: deps.ip,
    });
    return { sessionToken: token };
  });
}
