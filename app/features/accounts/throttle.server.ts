import { audit } from "../../../db/audit.server";
import { countAttempt, type Counted } from "../../../db/throttle.server";
import { DomainError } from "../../domain/errors";
import { firstRefused, LIMITS, throttleKey, withinLimit, type ThrottleScope } from "../../domain/throttle";
import type { Deps } from "../deps.server";

/** Who the audit row of a reached limit names (the account, its organization). */
export interface ThrottleSubject {
  email?: string;
  userId?: string | null;
  organizationId?: string | null;
}

/**
 * The audit row written once per window, by the attempt that reaches a limit: which limit,
 * for what, until when. In its own transaction: the refused attempt writes nothing else.
 */
export async function auditLimitReached(
  deps: Pick<Deps, "db" | "ip">,
  scope: ThrottleScope,
  counted: Counted,
  subject: ThrottleSubject = {},
): Promise<void> {
  if (!firstRefused(scope, counted.attempts)) return;
  await deps.db.transaction().execute((trx) =>
    audit(trx, {
      action: "attempts_throttled",
      actorUserId: subject.userId ?? null,
      organizationId: subject.organizationId ?? null,
      detail: {
        scope,
        max: LIMITS[scope].max,
        until: counted.expiresAt.toISOString(),
        ...(subject.email ? { email: subject.email } : {}),
      },
      ip: deps.ip,
    }),
  );
}

/**
 * Count one attempt of `scope` for `parts` before the slow or revealing work it guards;
 * past the limit, the DomainError `too_many_attempts` (on `field`, or the whole form).
 */
export async function takeAttempt(
  deps: Pick<Deps, "db" | "ip">,
  scope: ThrottleScope,
  parts: string[],
  opts: { field?: string; subject?: ThrottleSubject; now?: Date } = {},
): Promise<string> {
  const key = throttleKey(scope, ...parts);
  const [counted] = await countAttempt(deps.db, [{ key, windowMs: LIMITS[scope].windowMs }], opts.now);
  if (!withinLimit(scope, counted!.attempts)) {
    await auditLimitReached(deps, scope, counted!, opts.subject);
    throw new DomainError("too_many_attempts", opts.field);
  }
  return key;
}
