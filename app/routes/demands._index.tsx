import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { authorize } from "../auth/guard.server";
import { can } from "../domain/policy";
import { listDemands } from "../features/demands/reads.server";
import { localName, pageTitle, useLang, useT, type MessageKey } from "../lib/i18n";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "demand.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "demand.list");
  return json({ demands: await listDemands(context.db, actor), canCreate: can(actor, "demand.create") });
}

export default function Demands() {
  const { demands, canCreate } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <div>
      <h1>{t("demand.title")}</h1>
      {canCreate ? (
        <p>
          <Link to="/demands/new" className="button primary" data-testid="new-demand">
            {t("demand.new")}
          </Link>
        </p>
      ) : null}
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th>{t("demand.partName")}</th>
              <th>{t("demand.category")}</th>
              <th>{t("demand.plant")}</th>
              <th>{t("demand.status")}</th>
              <th className="num">{t("demand.matches")}</th>
            </tr>
          </thead>
          <tbody>
            {demands.map((d) => (
              <tr key={d.id}>
                <td>
                  <Link to={`/demands/${d.id}`}>{d.part_name}</Link>
                </td>
                <td>{d.category_code}</td>
                <td>{localName(lang, { name_zh: d.plant_name_zh, name_en: d.plant_name_en })}</td>
                <td>{t(`demand.status.${d.status}` as MessageKey)}</td>
                <td className="num">{d.matches}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
