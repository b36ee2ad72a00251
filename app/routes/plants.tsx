import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { listPlantsWithCircle } from "../../db/plants.server";
import { SupplierMap } from "../components/SupplierMap";
import { plantsMapView } from "../features/maps/page-maps.server";
import { getLang } from "../lib/lang.server";
import { localName, pageTitle, useLang, useT } from "../lib/i18n";
import { formatCount } from "../domain/money";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "nav.plants");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [plants, map] = await Promise.all([
    listPlantsWithCircle(context.db, 100),
    plantsMapView(context.db, await getLang(request)),
  ]);
  return json({ plants, map });
}

export default function Plants() {
  const { plants, map } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <div>
      <h1>{t("plants.title")}</h1>
      <section className="plants-map">
        <SupplierMap view={map} label={t("map.plantsMap")} />
        <p className="muted map-hint">{t("map.hint")}</p>
      </section>
      <div className="table-scroll">
        <table className="data-table wide">
          <thead>
            <tr>
              <th>{t("plants.plant")}</th>
              <th>{t("plants.oem")}</th>
              <th>{t("plants.location")}</th>
              <th className="num">{t("plants.precision")}</th>
              <th className="num">{t("plants.nearby")}</th>
            </tr>
          </thead>
          <tbody>
            {plants.map((p) => (
              <tr key={p.id} data-testid={`plant-${p.code}`} className={p.retired_at ? "muted" : undefined}>
                <td>
                  {localName(lang, p)}
                  {p.retired_at ? (
                    <>
                      {" "}
                      <span className="badge">{t("plants.retired")}</span>
                    </>
                  ) : null}
                </td>
                <td>{localName(lang, { name_zh: p.oem_name_zh, name_en: p.oem_name_en })}</td>
                <td>
                  {p.place_zh ? localName(lang, { name_zh: p.place_zh, name_en: p.place_en }) : ""} ({p.lat.toFixed(3)},{" "}
                  {p.lng.toFixed(3)})
                </td>
                <td className="num">± {t("common.km", { n: p.precision_km ?? "?" })}</td>
                <td className="num">{formatCount(p.suppliers_in_circle)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
