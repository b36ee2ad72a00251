import { NavLink } from "@remix-run/react";
import { useT, type MessageKey } from "../lib/i18n";

const INSTRUMENTS: { to: string; key: MessageKey; testId?: string }[] = [
  { to: "/dashboard/chain", key: "policy.nav.chain", testId: "chain-link" },
  { to: "/dashboard/new-supply", key: "policy.nav.newSupply" },
  { to: "/dashboard/entrants", key: "policy.nav.entrants" },
  { to: "/dashboard/verdicts", key: "policy.nav.verdicts" },
  { to: "/dashboard/what-if", key: "policy.nav.whatIf" },
];

/** The officials' instruments (issue 15): one link each, the current one marked; on the dashboard and on each instrument. */
export function InstrumentsNav() {
  const t = useT();
  return (
    <nav className="instruments-nav" aria-label={t("policy.nav")} data-testid="instruments-nav">
      <span className="instruments-nav-title">{t("policy.nav")}</span>
      <ul>
        {INSTRUMENTS.map((i) => (
          <li key={i.to}>
            <NavLink to={i.to} prefetch="none" end data-testid={i.testId}>
              {t(i.key)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
