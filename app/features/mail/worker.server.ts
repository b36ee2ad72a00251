import type { DB } from "../../../db/connection.server";
import { lockDueMails, markMailFailed, markMailSent } from "../../../db/mail.server";
import { MAIL_MAX_ATTEMPTS, mailRetryDelayMs } from "../../domain/mail";
import { composeMail } from "./compose.server";
import type { Mailer } from "./mailer.server";

export interface MailDrainResult {
  sent: number;
  failed: number;
}

/**
 * Send the due e-mails of the outbox (decision 014): each row is locked (others skip it),
 * sent, and marked sent, or its failure recorded with the time of the next attempt (given
 * up after MAIL_MAX_ATTEMPTS). Delivery is at least once: a crash between the send and the
 * commit sends that e-mail again.
 */
export async function drainMail(
  db: DB,
  mailer: Mailer,
  opts: { publicUrl: string; batchSize?: number; now?: () => Date; log?: (msg: string) => void },
): Promise<MailDrainResult> {
  const now = opts.now ?? (() => new Date());
  return db.transaction().execute(async (trx) => {
    const due = await lockDueMails(trx, now(), opts.batchSize ?? 20);
    const result = { sent: 0, failed: 0 };
    for (const mail of due) {
      try {
        await mailer.send(composeMail(mail, opts.publicUrl), mail.id);
        await markMailSent(trx, mail.id, now());
        result.sent += 1;
      } catch (err) {
        const attempts = mail.attempts + 1;
        const giveUp = attempts >= MAIL_MAX_ATTEMPTS;
        const message = String(err instanceof Error ? err.message : err);
        await markMailFailed(
          trx,
          mail.id,
          message,
          giveUp ? null : new Date(now().getTime() + mailRetryDelayMs(attempts)),
          now(),
        );
        result.failed += 1;
        opts.log?.(
          giveUp
            ? `e-mail ${mail.id} given up after ${attempts} attempts: ${message}`
            : `e-mail ${mail.id} not sent (attempt ${attempts}), retrying: ${message}`,
        );
      }
    }
    return result;
  });
}

export interface MailWorker {
  stop: () => Promise<void>;
}

/** Keep sending: every `pollMs`, at once again while a batch was full, backing off while PostgreSQL fails. */
export function startMailWorker(
  db: DB,
  mailer: Mailer,
  opts: { publicUrl: string; pollMs?: number; log?: (msg: string) => void },
): MailWorker {
  const pollMs = opts.pollMs ?? 2_000;
  let stopped = false;
  let wake: (() => void) | undefined;
  let failures = 0;
  const loop = (async () => {
    while (!stopped) {
      let delay = pollMs;
      try {
        const r = await drainMail(db, mailer, { publicUrl: opts.publicUrl, log: opts.log });
        failures = 0;
        if (r.sent + r.failed >= 20) delay = 0;
      } catch (err) {
        failures += 1;
        delay = Math.min(30_000, pollMs * 2 ** Math.min(failures, 5));
        if (failures === 1 || failures % 20 === 0) opts.log?.(`mail worker failed (${failures}x): ${String(err)}`);
      }
      if (!stopped && delay > 0)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      wake?.();
      await loop;
      mailer.close();
    },
  };
}
