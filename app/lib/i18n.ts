import { useRouteLoaderData } from "@remix-run/react";
import { commonMessages } from "./messages/common";
import { accountsMessages } from "./messages/accounts";
import { suppliersMessages } from "./messages/suppliers";
import { demandsMessages } from "./messages/demands";
import { dashboardMessages } from "./messages/dashboard";

export type Lang = "zh" | "en";
export const LANGS: Lang[] = ["zh", "en"];

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
