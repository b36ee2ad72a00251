import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { authorize } from "../auth/guard.server";
import { opportunitiesPage } from "../features/demands/reads.server";
import { localName, pageTitle, useLang, useT, type MessageKey } from "../lib/i18n";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "opps.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "opportunities.read");
  return json({ opportunities: await opportunitiesPage(context.db, actor) });
}

export default function Opportunities() {
  const { opportunities } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <div>
      <h1>{t("opps.title")}</h1>
      {opportunities.length === 0 ? (
        <p className="empty-state">
          {t("opps.none")} <Link to="/profile">{t("myMatches.toProfile")}</Link>
        </p>
      ) : null}
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th>{t("demand.partName")}</th>
              <th>{t("plants.oem")}</th>
              <th>{t("demand.plant")}</th>
              <th className="num">{t("match.distance")}</th>
              <th>{t("demand.deadline")}</th>
              <th>{t("match.yourMatch")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {opportunities.map((o) => (
              <tr key={o.id} data-testid="opportunity">
                <td>
                  <Link to={`/demands/${o.id}`}>{o.part_name}</Link> <span className="muted">{o.category_code}</span>
                </td>
                <td>{localName(lang, { name_zh: o.oem_name_zh, name_en: o.oem_name_en })}</td>
                <td>{localName(lang, { name_zh: o.plant_name_zh, name_en: o.plant_name_en })}</td>
                <td className="num">{t("common.km", { n: Math.round(o.distance_km * 10) / 10 })}</td>
                <td>{o.response_deadline ?? "—"}</td>
                <td>
                  {o.match_state && o.match_state !== "shortlisted"
                    ? t(`match.state.${o.match_state}` as MessageKey)
                    : "—"}
                  {o.match_origin === "supplier" ? (
                    <span className="badge self-nominated">{t("match.selfNominated")}</span>
                  ) : null}
                </td>
                <td>
                  {!o.match_state || o.match_state === "shortlisted" ? (
                    <Link to={`/demands/${o.id}#nominate`} className="button primary" data-testid={`nominate-${o.id}`}>
                      {t("nominate.open")}
                    </Link>
                  ) : (
                    <Link to={`/demands/${o.id}`} className="button">
                      {t("nominate.view")}
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
