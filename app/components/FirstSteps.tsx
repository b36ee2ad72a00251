import { Link } from "@remix-run/react";
import type { FirstStepItem } from "../domain/first-steps";
import { useT } from "../lib/i18n";

/** A new supplier's checklist, each step ticked from its data and linking to where it is done. */
export function FirstSteps({ items, done }: { items: FirstStepItem[]; done: number }) {
  const t = useT();
  return (
    <section className="first-steps" aria-labelledby="first-steps" data-testid="first-steps">
      <h2 id="first-steps">{t("firstSteps.title")}</h2>
      <p className="muted">{t("firstSteps.progress", { done, total: items.length })}</p>
      <ol>
        {items.map((item) => (
          <li
            key={item.step}
            className={item.done ? "done" : "todo"}
            data-testid={`first-step-${item.step}`}
            data-done={item.done}
          >
            <span className="first-step-mark" aria-hidden="true">
              {item.done ? "✓" : "○"}
            </span>{" "}
            {item.done ? (
              <span>{t(`firstSteps.step.${item.step}`)}</span>
            ) : (
              <Link to={item.to}>{t(`firstSteps.step.${item.step}`)}</Link>
            )}{" "}
            <span className="visually-hidden">({t(item.done ? "firstSteps.done" : "firstSteps.todo")})</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
