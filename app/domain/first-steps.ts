/**
 * A new supplier's first steps (issue 14, item 13): what to do after signing up, in order,
 * each ticked from the organization's own data, never from a flag someone sets.
 */
export interface FirstStepFacts {
  /** The profile says what the company makes. */
  hasProducts: boolean;
  categories: number;
  sites: number;
  certificates: number;
  /** Matches the supplier answered (interest or a quote; declined or awarded counts too). */
  answeredOpportunities: number;
}

export const FIRST_STEPS = ["profile", "sites", "certificates", "opportunity"] as const;
export type FirstStep = (typeof FIRST_STEPS)[number];

export interface FirstStepItem {
  step: FirstStep;
  done: boolean;
  /** Where the step is done. */
  to: string;
}

export function firstSteps(f: FirstStepFacts): { items: FirstStepItem[]; done: number; complete: boolean } {
  const items: FirstStepItem[] = [
    { step: "profile", done: f.hasProducts && f.categories > 0, to: "/profile" },
    { step: "sites", done: f.sites > 0, to: "/profile" },
    { step: "certificates", done: f.certificates > 0, to: "/profile" },
    { step: "opportunity", done: f.answeredOpportunities > 0, to: "/opportunities" },
  ];
  const done = items.filter((i) => i.done).length;
  return { items, done, complete: done === items.length };
}
