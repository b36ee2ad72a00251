import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { authorize } from "../auth/guard.server";
import { formatCount, formatFen } from "../domain/money";
import { myMatchesPage } from "../features/demands/reads.server";
import { localName, pageTitle, useLang, useT, type MessageKey } from "../lib/i18n";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "myMatches.title");

/** 我的配套项目: every match of the supplier's organization, awarded and declined ones too. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "opportunities.read");
  return json({ matches: await myMatchesPage(context.db, actor) });
}

export default function MyMatches() {
  const { matches } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <div>
      <h1>{t("myMatches.title")}</h1>
      <p className="muted">{t("myMatches.intro")}</p>
      {matches.length === 0 ? (
        <div className="empty-state" data-testid="my-matches-empty">
          <p>{t("myMatches.empty")}</p>
          <p className="row">
            <Link to="/opportunities" className="button primary">
              {t("myMatches.toOpportunities")}
            </Link>
            <Link to="/profile" className="button">
              {t("myMatches.toProfile")}
            </Link>
          </p>
        </div>
      ) : (
        <div className="table-scroll">
          <table className="data-table my-matches" data-testid="my-matches">
            <thead>
              <tr>
                <th>{t("demand.partName")}</th>
                <th>{t("plants.oem")}</th>
                <th>{t("demand.plant")}</th>
                <th>{t("myMatches.origin")}</th>
                <th>{t("myMatches.state")}</th>
                <th className="num">{t("myMatch.quoteSent")}</th>
                <th className="num">{t("myMatch.contract")}</th>
                <th>{t("myMatches.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {matches.map((m) => (
                <tr key={m.id} data-testid="my-match" data-state={m.state}>
                  <td>
                    <Link to={`/demands/${m.demand_id}`}>{m.part_name}</Link>{" "}
                    <span className="muted">{m.category_code}</span>
                  </td>
                  <td>{localName(lang, { name_zh: m.oem_name_zh, name_en: m.oem_name_en })}</td>
                  <td>{localName(lang, { name_zh: m.plant_name_zh, name_en: m.plant_name_en })}</td>
                  <td>{t(`myMatches.origin.${m.origin}` as MessageKey)}</td>
                  <td data-testid="my-match-state">
                    <span className={`badge match-${m.state}`}>{t(`match.state.${m.state}` as MessageKey)}</span>
                  </td>
                  <td className="num">
                    {m.quote_fen !== null ? `¥${formatFen(m.quote_fen)}` : "—"}
                    {m.capacity !== null ? (
                      <small className="muted match-extra">
                        {t("match.capacity")}: {formatCount(m.capacity)} {m.unit}
                      </small>
                    ) : null}
                  </td>
                  <td className="num" data-testid="my-match-contract">
                    {m.contract_fen !== null ? `¥${formatFen(m.contract_fen)} (${m.period_year})` : "—"}
                  </td>
                  <td>{m.updated_day}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
