import { useRouteLoaderData } from "@remix-run/react";
import { commonMessages } from "./messages/common";
import { accountsMessages } from "./messages/accounts";
import { suppliersMessages } from "./messages/suppliers";
import { demandsMessages } from "./messages/demands";
import { dashboardMessages } from "./messages/dashboard";
import { dashboardDrillMessages } from "./messages/dashboard-drill";
import { verificationMessages } from "./messages/verification";
import { adminMessages } from "./messages/admin";
import { matchingMessages } from "./messages/matching";
import { chainMessages } from "./messages/chain";
import { mailMessages } from "./messages/mail";
import { uxMessages } from "./messages/ux";
import { policyMessages } from "./messages/policy";
import { directoryMessages } from "./messages/directory";
import { mapsMessages } from "./messages/maps";

export const LANGS = ["zh", "en"] as const;
export type Lang = (typeof LANGS)[number];

/**
 * The one message catalogue: every user-visible string, in both languages, composed from
 * one module per area (app/lib/messages/).
 */
const messages = {
  ...commonMessages,
  ...accountsMessages,
  ...suppliersMessages,
  ...demandsMessages,
  ...dashboardMessages,
  ...dashboardDrillMessages,
  ...verificationMessages,
  ...adminMessages,
  ...matchingMessages,
  ...chainMessages,
  ...mailMessages,
  ...uxMessages,
  ...policyMessages,
  ...directoryMessages,
  ...mapsMessages,
};

export type MessageKey = keyof typeof messages;

export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  let text: string = messages[key][lang];
  if (vars) for (const [k, v] of Object.entries(vars)) text = text.replace(`{${k}}`, String(v));
  return text;
}

export function parseLang(value: string | null | undefined): Lang {
  return value === "en" ? "en" : "zh";
}

/** The language chosen in the root loader (cookie), for any component. */
export function useLang(): Lang {
  const data = useRouteLoaderData("root") as { lang?: Lang } | undefined;
  return data?.lang ?? "zh";
}

export function useT() {
  const lang = useLang();
  return (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars);
}

/** Something named in both languages: the English name may be missing. */
export interface BilingualName {
  name_zh: string;
  name_en?: string | null;
}

/** The one "name in the page's language" rule: English when there is one, else Chinese. */
export function localName(lang: Lang, named: BilingualName): string {
  return lang === "en" && named.name_en ? named.name_en : named.name_zh;
}

/**
 * A route's <title>, from the catalogue in the language the root loader chose:
 * `export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "nav.account");`
 * A page with its own subject passes `subject` (a demand's part name, a supplier's name).
 */
export function pageTitle(
  matches: readonly { id: string; data?: unknown }[],
  key: MessageKey,
  opts: { vars?: Record<string, string | number>; subject?: string | null } = {},
) {
  const root = matches.find((m) => m.id === "root")?.data as { lang?: Lang } | undefined;
  const lang = root?.lang ?? "zh";
  const name = translate(lang, key, opts.vars);
  // A subject written only in Chinese (a demand's part name) on an English page keeps the
  // page's English name beside it, so the tab and the history still read in English.
  const page = !opts.subject
    ? name
    : lang === "en" && /\p{Script=Han}/u.test(opts.subject) && !/[A-Za-z]{2}/.test(opts.subject)
      ? `${opts.subject} · ${name}`
      : opts.subject;
  return [{ title: `${page} · ${translate(lang, "app.title")}` }];
}
