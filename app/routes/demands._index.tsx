import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listDemandsForOem } from "../../db/demands.server";
import { authorize } from "../auth/guard.server";
import { can } from "../domain/policy";
import { useLang, useT, type MessageKey } from "../lib/i18n";

export const meta: MetaFunction = () => [{ title: "配套需求 · 配套 Peitao" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "demand.list");
  const demands = actor.organizationKind === "oem"
    ? await listDemandsForOem(context.db, actor.organizationId)
    : await context.db
        .selectFrom("demands as d")
        .innerJoin("plants as p", "p.id", "d.plant_id")
        .select((eb) => ["d.id", "d.part_name", "d.category_code", "d.status", "d.created_at", "d.radius_km", "p.name_zh as plant_name_zh", "p.name_en as plant_name_en",
          eb.selectFrom("matches as m").select(eb.fn.countAll<number>().as("n")).whereRef("m.demand_id", "=", "d.id").as("matches")])
        .orderBy("d.created_at", "desc")
        .limit(200)
        .execute();
  return json({ demands, canCreate: can(actor, "demand.create") });
}

export default function Demands() {
  const { demands, canCreate } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <div>
      <h1>{t("demand.title")}</h1>
      {canCreate ? <p><Link to="/demands/new" className="button primary" data-testid="new-demand">{t("demand.new")}</Link></p> : null}
      <table className="data-table">
        <thead><tr><th>{t("demand.partName")}</th><th>{t("demand.category")}</th><th>{t("demand.plant")}</th><th>{t("demand.status")}</th><th className="num">{t("demand.matches")}</th></tr></thead>
        <tbody>
          {demands.map((d) => (
            <tr key={d.id}>
              <td><Link to={`/demands/${d.id}`}>{d.part_name}</Link></td>
              <td>{d.category_code}</td>
              <td>{lang === "zh" ? d.plant_name_zh : d.plant_name_en}</td>
              <td>{t(`demand.status.${d.status}` as MessageKey)}</td>
              <td className="num">{d.matches}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
