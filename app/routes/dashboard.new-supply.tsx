import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { InstrumentsNav } from "../components/InstrumentsNav";
import { PolicyFilters } from "../components/PolicyFilters";
import { formatFen } from "../domain/money";
import { newSupplyPage } from "../features/policy/pages.server";
import { pageTitle, useT } from "../lib/i18n";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "policy.newSupply.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  return json(await newSupplyPage(context, request));
}

const signed = (fen: string) => (fen.startsWith("-") ? formatFen(fen) : `+${formatFen(fen)}`);

export default function NewSupply() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const year = d.params.year;
  return (
    <div className="policy-page">
      <InstrumentsNav />
      <h1>{t("policy.newSupply.title")}</h1>
      <PolicyFilters
        year={year}
        official={d.official}
        oem={d.params.oem}
        oems={d.oems}
        plant={d.params.plant}
        plants={d.plants.length ? d.plants : undefined}
      />
      {year === null || d.rows.length === 0 ? (
        <p className="muted">{t("policy.noData")}</p>
      ) : (
        <>
          <p className="muted">{t("policy.newSupply.lead", { year, prev: year - 1 })}</p>
          <div className="table-scroll">
            <table className="data-table" data-testid="new-supply-table">
              <thead>
                <tr>
                  <th rowSpan={2}>{t("policy.oem")}</th>
                  <th rowSpan={2}>{t("policy.plant")}</th>
                  <th colSpan={3}>{t("policy.newSupply.province")}</th>
                  <th colSpan={3}>{t("policy.newSupply.circle")}</th>
                </tr>
                <tr>
                  {[0, 1].map((i) => (
                    <SubHeads key={i} year={year} />
                  ))}
                </tr>
              </thead>
              <tbody>
                {d.rows.map((r) => (
                  <tr key={`${r.oem}|${r.plant ?? ""}`} className={r.plant ? undefined : "policy-total"}>
                    <td>{r.oem}</td>
                    <td>{r.plant ?? t("policy.wholeOem")}</td>
                    <td className="num">{formatFen(r.province.prev)}</td>
                    <td className="num">{formatFen(r.province.cur)}</td>
                    <td className="num policy-change" data-testid="change-province">
                      {signed(r.province.change)}
                    </td>
                    <td className="num">{formatFen(r.circle.prev)}</td>
                    <td className="num">{formatFen(r.circle.cur)}</td>
                    <td className="num policy-change">{signed(r.circle.change)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>{t("policy.newSupply.entries")}</h2>
          {d.entries.length ? (
            <>
              <p className="muted">{t("policy.newSupply.entriesNote")}</p>
              <div className="table-scroll">
                <table className="data-table" data-testid="new-supply-entries">
                  <thead>
                    <tr>
                      <th>{t("policy.year")}</th>
                      <th>{t("policy.plant")}</th>
                      <th>{t("policy.supplier")}</th>
                      <th>{t("policy.newSupply.effect")}</th>
                      <th>{t("policy.newSupply.inJilin")}</th>
                      <th>{t("policy.newSupply.inCircle")}</th>
                      <th className="num">{t("policy.amount")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.entries.map((e) => (
                      <tr key={e.id}>
                        <td>{e.year}</td>
                        <td>{e.plant ?? "—"}</td>
                        <td>
                          {e.supplier} <small className="muted">{t(`policy.source.${e.source}`)}</small>
                        </td>
                        <td>{t(e.effect === "adds" ? "policy.newSupply.adds" : "policy.newSupply.subtracts")}</td>
                        <td>{t(e.inJilin ? "policy.yes" : "policy.no")}</td>
                        <td>{t(e.insideCircle ? "policy.yes" : "policy.no")}</td>
                        <td className="num">{formatFen(e.amountFen)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : (
            <p className="muted">{t("policy.newSupply.pickOem")}</p>
          )}
        </>
      )}
    </div>
  );
}

function SubHeads({ year }: { year: number }) {
  const t = useT();
  return (
    <>
      <th className="num">{t("policy.newSupply.previous", { year: year - 1 })}</th>
      <th className="num">{t("policy.newSupply.previous", { year })}</th>
      <th className="num">{t("policy.newSupply.change")}</th>
    </>
  );
}
