import fs from "node:fs";
import path from "node:path";

/** One .eml file as a reader sees it: its headers and its plain-text part, decoded. */
export interface ReadMail {
  file: string;
  to: string;
  subject: string;
  text: string;
  raw: string;
}

function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=\s*/g, (_all, _charset: string, enc: string, data: string) =>
    enc.toUpperCase() === "B" ? Buffer.from(data, "base64").toString("utf8") : decodeQp(data.replace(/_/g, " ")),
  );
}

function decodeQp(body: string): string {
  const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_m, h: string) => `%${h}`);
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, "%25"));
}

function headersOf(block: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const at = line.indexOf(":");
    if (at > 0) map.set(line.slice(0, at).toLowerCase(), line.slice(at + 1).trim());
  }
  return map;
}

/** The text/plain part of an RFC 822 message (multipart or not), decoded. */
function plainText(raw: string): string {
  const [head = "", ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join("\n\n");
  const headers = headersOf(head);
  const type = headers.get("content-type") ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (boundary) {
    for (const part of body.split(`--${boundary}`)) {
      const text = part.replace(/^\r?\n/, "");
      if (/^content-type:\s*(text\/plain|multipart)/im.test(text.split(/\r?\n\r?\n/)[0] ?? "")) return plainText(text);
    }
    return "";
  }
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") return decodeQp(body);
  return body;
}

/** Every .eml file in a directory, oldest first (file names start with the time they were written). */
export function readMails(dir: string): ReadMail[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".eml"))
    .sort()
    .map((f) => {
      const raw = fs.readFileSync(path.join(dir, f), "utf8");
      const headers = headersOf(raw.split(/\r?\n\r?\n/)[0] ?? "");
      return {
        file: f,
        to: decodeWords(headers.get("to") ?? ""),
        subject: decodeWords(headers.get("subject") ?? ""),
        text: plainText(raw),
        raw,
      };
    });
}

const RESET_LINK = /https?:\/\/\S+\/reset-password\/[a-z2-9]{48}/;

/** The reset link of the newest e-mail to `to` that holds one. */
export function resetLinkIn(dir: string, to: string): string {
  const link = readMails(dir)
    .filter((m) => m.to.includes(to))
    .map((m) => m.text.match(RESET_LINK)?.[0])
    .filter(Boolean)
    .at(-1);
  if (!link) throw new Error(`no reset link to ${to} in ${dir}`);
  return link;
}
