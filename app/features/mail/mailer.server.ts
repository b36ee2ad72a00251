import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import type { ComposedMail } from "./compose.server";

/** Where e-mails go: an SMTP server, or .eml files in a directory (decision 014). */
export interface Mailer {
  /** "smtp host:port" or the directory of the .eml files, for the logs. */
  readonly describe: string;
  /** Deliver one e-mail; `id` names its .eml file. Throws when delivery failed. */
  send(mail: ComposedMail, id: string): Promise<void>;
  close(): void;
}

export interface MailerOptions {
  smtpUrl?: string;
  from: string;
  /** Used without smtpUrl: one .eml file (RFC 822) per e-mail is written here. */
  dir: string;
}

export function createMailer(opts: MailerOptions): Mailer {
  const message = (mail: ComposedMail) => ({
    from: opts.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: { "Auto-Submitted": "auto-generated" },
  });
  if (opts.smtpUrl) {
    const url = new URL(opts.smtpUrl);
    // A server that does not answer must not hold the worker (and its transaction) for minutes.
    const transport = nodemailer.createTransport({
      url: opts.smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    return {
      describe: `SMTP ${url.hostname}:${url.port || (url.protocol === "smtps:" ? 465 : 587)}`,
      send: async (mail) => {
        await transport.sendMail(message(mail));
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    describe: `.eml files in ${opts.dir}`,
    send: async (mail, id) => {
      const info = await transport.sendMail(message(mail));
      await fs.mkdir(opts.dir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, "-");
      const file = path.join(opts.dir, `${stamp}-${id}.eml`);
      // Written under a temporary name and renamed: a reader never sees half a message.
      await fs.writeFile(`${file}.tmp`, info.message as Buffer);
      await fs.rename(`${file}.tmp`, file);
    },
    close: () => transport.close(),
  };
}
