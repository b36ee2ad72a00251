import type { PendingMail } from "../../../db/mail.server";
import { notificationKey } from "../accounts/labels";
import { translate, type Lang } from "../../lib/i18n";

/** An e-mail ready for the transport: plain text and the same as simple HTML. */
export interface ComposedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Paragraphs of text; a paragraph that is a URL becomes a link in the HTML part. */
function render(to: string, subject: string, paragraphs: string[]): ComposedMail {
  const html = paragraphs
    .map((p) =>
      /^https?:\/\/\S+$/.test(p)
        ? `<p><a href="${escapeHtml(p)}">${escapeHtml(p)}</a></p>`
        : `<p>${escapeHtml(p).replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>')}</p>`,
    )
    .join("\n");
  return {
    to,
    subject,
    text: `${paragraphs.join("\n\n")}\n`,
    html: `<!doctype html>\n<html><body style="font-family:sans-serif;line-height:1.5">\n${html}\n</body></html>\n`,
  };
}

/**
 * Write a queued e-mail in its user's language (Chinese unless they chose English), with
 * links made absolute on the public address. Rendered when sent, so that the text follows
 * the catalogue and the user's current address and language.
 */
export function composeMail(mail: PendingMail, publicUrl: string): ComposedMail {
  const lang: Lang = mail.language === "en" ? "en" : "zh";
  const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) =>
    translate(lang, key, vars);
  const greeting = t("mail.greeting", { name: mail.display_name });
  const footer = t("mail.footer", { url: `${publicUrl}/account` });
  const payload = mail.payload as Record<string, unknown>;
  if (mail.template === "password_reset") {
    const url = `${publicUrl}/reset-password/${String(payload.token)}`;
    return render(mail.email, t("mail.reset.subject"), [greeting, t("mail.reset.body"), url, t("mail.reset.ignore")]);
  }
  const link = typeof payload.link === "string" && payload.link.startsWith("/") ? payload.link : "/notifications";
  const line = t(notificationKey(String(payload.kind)), { title: String(payload.title ?? "") });
  return render(mail.email, line, [greeting, line, t("mail.open", { url: `${publicUrl}${link}` }), footer]);
}
