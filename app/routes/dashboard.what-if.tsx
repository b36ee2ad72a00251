import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { InstrumentsNav } from "../components/InstrumentsNav";
import { PolicyFilters } from "../components/PolicyFilters";
import { formatFen, formatWholeYuan } from "../domain/money";
import { formatRate } from "../domain/rates";
import { whatIfPage } from "../features/policy/pages.server";
import { pageTitle, useT } from "../lib/i18n";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "policy.whatIf.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  return json(await whatIfPage(context, request));
}

export default function WhatIf() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const r = d.result;
  return (
    <div className="policy-page">
      <InstrumentsNav />
      <h1>{t("policy.whatIf.title")}</h1>
      <p className="muted">{t("policy.whatIf.lead")}</p>
      <PolicyFilters
        year={d.params.year}
        official={d.official}
        oem={d.params.oem}
        oems={d.oems}
        plant={d.params.plant}
        plants={d.plants.length ? d.plants : undefined}
      >
        <label>
          {t("policy.whatIf.parts")}
          <select name="parts" defaultValue={d.params.parts}>
            <option value="all">{t("policy.whatIf.parts.all")}</option>
            <option value="nev">{t("policy.whatIf.parts.nev")}</option>
          </select>
        </label>
        <label>
          {t("dash.basis")}
          <select name="basis" defaultValue={d.params.basis}>
            <option value="province">{t("dash.basis.province")}</option>
            <option value="circle">{t("dash.basis.circle")}</option>
          </select>
        </label>
        <label>
          {t("policy.whatIf.amount")}
          <input name="amount" inputMode="decimal" defaultValue={d.params.amount} style={{ width: "10em" }} />
        </label>
        {d.openDemands.length ? (
          <fieldset className="policy-demands">
            <legend>{t("policy.whatIf.demands")}</legend>
            {d.openDemands.map((o) => (
              <label key={o.id} className="policy-demand">
                <input type="checkbox" name="demand" value={o.id} defaultChecked={d.params.demands.includes(o.id)} />
                {o.plant} · {o.part}
              </label>
            ))}
          </fieldset>
        ) : null}
      </PolicyFilters>
      {d.searchDown ? <p className="notice warn">{t("policy.whatIf.searchDown")}</p> : null}
      {r.year === null ? (
        <p className="muted">{t("policy.noData")}</p>
      ) : (
        <>
          <p data-testid="what-if-counted">
            {t("policy.whatIf.counted", {
              local: formatWholeYuan(r.amount.local_fen),
              other: formatWholeYuan(r.amount.other_fen),
            })}
          </p>
          {d.demands.length ? (
            <>
              <div className="table-scroll">
                <table className="data-table">
                  <thead>
                    <tr>
                      <th>{t("policy.entrants.demand")}</th>
                      <th>{t("policy.supplier")}</th>
                      <th className="num">{t("policy.whatIf.quote")}</th>
                      <th className="num">{t("policy.whatIf.annualValue")}</th>
                      <th>{t("policy.whatIf.localOnBasis")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.demands.map((x) => (
                      <tr key={x.id}>
                        <td>{x.part}</td>
                        <td>{x.supplier ?? "—"}</td>
                        <td className="num">{x.quoteFen === null ? "—" : formatFen(x.quoteFen)}</td>
                        <td className="num" data-testid="what-if-annual-value">
                          {x.amountFen === null ? "—" : formatFen(x.amountFen)}
                        </td>
                        <td>{x.unpriced ? t("policy.whatIf.unpriced") : t(x.local ? "policy.yes" : "policy.no")}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p className="muted">{t("policy.whatIf.annualValueDef")}</p>
            </>
          ) : null}
          <div className="policy-ways" data-testid="what-if-ways">
            <section className="policy-way" data-testid="way-moving">
              <h2>{t("policy.whatIf.moving")}</h2>
              <p className="muted">{t("policy.whatIf.movingDef")}</p>
              <dl>
                <dt>{t("policy.whatIf.before")}</dt>
                <dd>{formatRate(r.before.rate)}</dd>
                <dt>{t("policy.whatIf.rate")}</dt>
                <dd className="policy-after" data-testid="moving-rate">
                  {formatRate(r.moving.rate)}
                </dd>
                <dt>{t("policy.whatIf.local")}</dt>
                <dd>{formatWholeYuan(r.moving.local_fen)}</dd>
                <dt>{t("policy.whatIf.total")}</dt>
                <dd>{formatWholeYuan(r.moving.total_fen)}</dd>
              </dl>
            </section>
            <section className="policy-way" data-testid="way-adding">
              <h2>{t("policy.whatIf.adding")}</h2>
              <p className="muted">{t("policy.whatIf.addingDef")}</p>
              <dl>
                <dt>{t("policy.whatIf.before")}</dt>
                <dd>{formatRate(r.before.rate)}</dd>
                <dt>{t("policy.whatIf.rate")}</dt>
                <dd className="policy-after" data-testid="adding-rate">
                  {formatRate(r.adding.rate)}
                </dd>
                <dt>{t("policy.whatIf.local")}</dt>
                <dd>{formatWholeYuan(r.adding.local_fen)}</dd>
                <dt>{t("policy.whatIf.total")}</dt>
                <dd>{formatWholeYuan(r.adding.total_fen)}</dd>
              </dl>
            </section>
          </div>
          <h2>{t("policy.whatIf.needed")}</h2>
          <div className="table-scroll">
            <table className="data-table" data-testid="what-if-needed">
              <thead>
                <tr>
                  <th>{t("policy.whatIf.test")}</th>
                  <th className="num">{t("policy.whatIf.moving")}</th>
                  <th className="num">{t("policy.whatIf.adding")}</th>
                </tr>
              </thead>
              <tbody>
                {r.needed.map((n) => (
                  <tr key={n.test}>
                    <td>{t(`policy.whatIf.test.${n.test}`, { rate: formatRate(n.threshold) })}</td>
                    <td className="num">¥{formatWholeYuan(n.moving_fen, "up")}</td>
                    <td className="num">
                      {n.adding_fen === null
                        ? t("policy.whatIf.unreachable")
                        : `¥${formatWholeYuan(n.adding_fen, "up")}`}
                    </td>
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
