import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { InstrumentsNav } from "../components/InstrumentsNav";
import { PolicyFilters } from "../components/PolicyFilters";
import { formatWholeYuan } from "../domain/money";
import { formatPp, formatRate } from "../domain/rates";
import { verdictsPage } from "../features/policy/pages.server";
import { pageTitle, useT, type MessageKey } from "../lib/i18n";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "policy.verdicts.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  return json(await verdictsPage(context, request));
}

interface Figures {
  verdict: "met" | "not_met" | "not_applicable";
  reason: "no_procurement" | "no_previous_year" | "before_target_year" | null;
  rate: number | null;
  threshold: number | null;
  fenNeeded: string | null;
}

function VerdictCell({ v, extra, testId }: { v: Figures; extra?: string; testId: string }) {
  const t = useT();
  return (
    <td className={`policy-verdict verdict-${v.verdict}`} data-testid={testId} data-verdict={v.verdict}>
      <strong>{t(`policy.verdicts.${v.verdict}` as MessageKey)}</strong>
      {v.reason ? <small> · {t(`policy.verdicts.reason.${v.reason}` as MessageKey)}</small> : null}
      {v.rate !== null && v.threshold !== null ? (
        <div className="muted">
          {t("policy.verdicts.figures", { rate: formatRate(v.rate), threshold: formatRate(v.threshold) })}
        </div>
      ) : null}
      {extra ? <div className="muted">{extra}</div> : null}
      {v.verdict === "not_met" && v.fenNeeded ? (
        <div className="muted">{t("policy.verdicts.needed", { fen: formatWholeYuan(v.fenNeeded, "up") })}</div>
      ) : null}
    </td>
  );
}

export default function Verdicts() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="policy-page">
      <InstrumentsNav />
      <h1>{t("policy.verdicts.title")}</h1>
      <PolicyFilters year={d.params.year} official={d.official} oem={d.params.oem} oems={d.oems}>
        <label>
          {t("dash.basis")}
          <select name="basis" defaultValue={d.params.basis}>
            <option value="province">{t("dash.basis.province")}</option>
            <option value="circle">{t("dash.basis.circle")}</option>
          </select>
        </label>
      </PolicyFilters>
      {d.params.year === null || d.oems.length === 0 ? (
        <p className="muted">{t("policy.noData")}</p>
      ) : (
        <>
          <p className="muted">
            {t("policy.verdicts.lead", { year: d.params.year, basis: t(`dash.basis.${d.params.basis}`) })}
          </p>
          <div className="table-scroll">
            <table className="data-table" data-testid="verdicts-table">
              <thead>
                <tr>
                  <th>{t("policy.oem")}</th>
                  <th>{t("policy.verdicts.status")}</th>
                  <th>{t("policy.verdicts.minRate")}</th>
                  <th>{t("policy.verdicts.rise")}</th>
                  <th>{t("policy.verdicts.nev")}</th>
                </tr>
              </thead>
              <tbody>
                {d.oems.map((o) => (
                  <tr key={o.id} data-testid="verdict-row">
                    <td>{o.name}</td>
                    <td>
                      {o.provisional ? (
                        <span className="policy-provisional" data-testid="provisional">
                          {t("policy.verdicts.provisional")}
                        </span>
                      ) : (
                        t("policy.verdicts.final")
                      )}
                    </td>
                    <VerdictCell v={o.minRate} testId="verdict-min" />
                    <VerdictCell
                      v={o.rise}
                      testId="verdict-rise"
                      extra={
                        o.rise.previousRate !== null
                          ? t("policy.verdicts.riseFigures", {
                              prev: formatRate(o.rise.previousRate),
                              pp: formatPp(o.rise.changePp),
                            })
                          : undefined
                      }
                    />
                    <VerdictCell v={o.nev} testId="verdict-nev" />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
