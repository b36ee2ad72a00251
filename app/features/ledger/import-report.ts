import type { ProcurementProblem } from "../../domain/procurement-import";
import { translate, type Lang, type MessageKey } from "../../lib/i18n";

/** The catalogue message of a refused row's reason, with its value. */
export function problemMessage(problem: ProcurementProblem): { key: MessageKey; vars: Record<string, string> } {
  return { key: `ledger.reason.${problem.code}`, vars: "value" in problem ? { value: problem.value } : {} };
}

/** A reason in one language (the page). */
export function problemText(lang: Lang, problem: ProcurementProblem): string {
  const { key, vars } = problemMessage(problem);
  return translate(lang, key, vars);
}

/**
 * A reason as the API reports it: Chinese then English, both from the catalogue (API
 * clients have always received both).
 */
export function problemBilingual(problem: ProcurementProblem): string {
  return `${problemText("zh", problem)} ${problemText("en", problem)}`;
}
