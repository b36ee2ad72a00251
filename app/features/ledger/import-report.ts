import { PROCUREMENT_COLUMNS, type ProcurementProblem } from "../../domain/procurement-import";
import { provinceByAdcode } from "../../domain/provinces";
import { translate, type Lang, type MessageKey } from "../../lib/i18n";

/**
 * The catalogue message of a refused row's reason and its variables in one language: a
 * province (held by its code) by its name, a list of columns by their headers.
 */
export function problemMessage(
  lang: Lang,
  problem: ProcurementProblem,
): { key: MessageKey; vars: Record<string, string> } {
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(problem)) {
    if (name === "code") continue;
    if (Array.isArray(value))
      vars[name] = value
        .map((k) => PROCUREMENT_COLUMNS.find((c) => c.key === k)?.[lang === "zh" ? "zh" : "en"] ?? String(k))
        .join(translate(lang, "common.listSeparator"));
    else if (name === "problem") vars[name] = translate(lang, `db.problem.${String(value)}` as MessageKey);
    else if (name === "province" || name === "countyProvince") {
      const p = provinceByAdcode(String(value));
      vars[name] = p ? (lang === "zh" ? p.zh : p.en) : String(value);
    } else vars[name] = String(value);
  }
  return { key: `ledger.reason.${problem.code}`, vars };
}

/** A reason in one language (the page). */
export function problemText(lang: Lang, problem: ProcurementProblem): string {
  const { key, vars } = problemMessage(lang, problem);
  return translate(lang, key, vars);
}

/**
 * A reason as the API reports it: Chinese then English, both from the catalogue (API
 * clients have always received both).
 */
export function problemBilingual(problem: ProcurementProblem): string {
  return `${problemText("zh", problem)} ${problemText("en", problem)}`;
}
