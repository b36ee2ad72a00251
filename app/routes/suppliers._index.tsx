import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { FilterKey } from "../../search/directory.server";
import { SupplierMap } from "../components/SupplierMap";
import { placeTrail } from "../domain/places";
import { directoryMapView } from "../features/maps/page-maps.server";
import { getLang } from "../lib/lang.server";
import { depsOf } from "../features/deps.server";
import { directoryPage, type DirectoryField } from "../features/suppliers/directory.server";
import { certificationLabel, precisionText, siteStatusLabel } from "../features/suppliers/labels";
import { localName, pageTitle, useLang, useT, type MessageKey } from "../lib/i18n";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "suppliers.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const page = await directoryPage(depsOf(context), new URL(request.url));
  const body = { ...page, map: directoryMapView(await getLang(request), page) };
  // A refused filter value is bad input: 400, the page naming the fields and listing nothing.
  return json(body, { status: page.searchDown ? 503 : page.invalid.length ? 400 : 200 });
}

/** How the page names each field of the directory query (the URL's parameter names). */
const FIELD_LABEL: Record<DirectoryField, MessageKey> = {
  q: "dir.text",
  category: "dir.category",
  group: "dir.group",
  city: "dir.city",
  certification: "dir.certification",
  verified: "dir.verifiedOnly",
  plant: "dir.plant",
  radius_km: "dir.radius",
  page: "dir.page",
  per_page: "dir.page",
};

const FILTER_LABEL: Record<FilterKey, MessageKey> = {
  category: "dir.category",
  group: "dir.group",
  city: "dir.city",
  certification: "dir.certification",
  verified: "dir.verifiedOnly",
  radius: "dir.radius",
};

export default function Directory() {
  const { params, categories, places, plants, map, result, searchDown, invalid } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const name = (o: { name_zh: string; name_en: string | null }) => localName(lang, o);
  const catName = new Map(categories.map((c) => [c.code, name(c)]));
  // A city outside Jilin is named with its province (辽宁省 · 铁岭市).
  const byCode = new Map(places.map((p) => [p.adcode, p]));
  const placeName = (adcode: string) =>
    placeTrail(byCode, Number(adcode))
      .map((p) => name(p))
      .join(" · ");
  const plant = plants.find((p) => p.code === params.plant);

  // Links that change one parameter and go back to page 1.
  const href = (change: Record<string, string | undefined>) => {
    const sp = new URLSearchParams();
    const merged: Record<string, string | undefined> = {
      q: params.q || undefined,
      category: params.category,
      group: params.group,
      city: params.city?.toString(),
      certification: params.certification,
      verified: params.verified ? "1" : undefined,
      plant: params.plant,
      radius_km: params.plant ? String(params.radius_km) : undefined,
      ...change,
    };
    for (const [k, v] of Object.entries(merged)) if (v) sp.set(k, v);
    return `?${sp.toString()}`;
  };
  const facet = (
    title: MessageKey,
    key: string,
    counts: Record<string, number>,
    label: (v: string) => string,
    current?: string,
    limit = 12,
  ) => (
    <section className="facet" data-testid={`facet-${key}`}>
      <h3>{t(title)}</h3>
      <ul>
        {Object.entries(counts)
          .sort((a, b) => b[1] - a[1])
          .slice(0, limit)
          .map(([value, n]) => (
            <li key={value}>
              <Link
                className={current === value ? "active" : undefined}
                to={href({ [key]: current === value ? undefined : value, page: undefined })}
              >
                {label(value)}
              </Link>{" "}
              <span className="count">{n}</span>
            </li>
          ))}
      </ul>
    </section>
  );
  const pages = result ? Math.min(500, Math.ceil(result.total / result.perPage)) : 0;

  return (
    <div>
      <h1>{t("suppliers.title")}</h1>
      <Form method="get" className="filters" role="search">
        <label className="grow">
          {t("suppliers.search")}
          <input
            type="search"
            name="q"
            defaultValue={params.q}
            placeholder={t("suppliers.query")}
            maxLength={200}
            size={36}
          />
        </label>
        <label>
          {t("dir.category")}
          <select name="category" defaultValue={params.category ?? ""} data-testid="category-select">
            <option value="">{t("dir.any")}</option>
            {categories
              .filter((c) => c.level === 1)
              .map((g) => (
                <optgroup key={g.code} label={name(g)}>
                  {categories
                    .filter((c) => c.parent_code === g.code)
                    .map((c) => (
                      <option key={c.code} value={c.code}>
                        {c.code} {name(c)}
                      </option>
                    ))}
                </optgroup>
              ))}
          </select>
        </label>
        <label>
          {t("dir.plant")}
          <select name="plant" defaultValue={params.plant ?? ""} data-testid="plant-select">
            <option value="">{t("dir.noPlant")}</option>
            {plants.map((p) => (
              <option key={p.code} value={p.code}>
                {name(p)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("dir.radius")}
          <input
            type="number"
            name="radius_km"
            min={1}
            max={500}
            defaultValue={params.radius_km}
            style={{ width: "6em" }}
            data-testid="radius-input"
          />
        </label>
        {params.group ? <input type="hidden" name="group" value={params.group} /> : null}
        {params.city ? <input type="hidden" name="city" value={params.city} /> : null}
        {params.certification ? <input type="hidden" name="certification" value={params.certification} /> : null}
        <label className="inline-check">
          <span>
            <input type="checkbox" name="verified" value="1" defaultChecked={params.verified} /> {t("dir.verifiedOnly")}
          </span>
        </label>
        <button type="submit" className="primary" data-testid="directory-submit">
          {t("suppliers.search")}
        </button>
      </Form>
      {searchDown ? <p className="notice warn">{t("suppliers.searchDown")}</p> : null}
      {invalid.length ? (
        <div className="notice error dir-invalid" role="alert" data-testid="invalid-filters">
          <p>
            {t("dir.invalidFilters", {
              fields: [...new Set(invalid.map((f) => t(FIELD_LABEL[f])))].join(t("common.listSeparator")),
            })}
          </p>
          <p>
            <Link to="/suppliers">{t("dir.clearFilters")}</Link>
          </p>
        </div>
      ) : null}
      {result ? (
        <div className="directory">
          <aside>
            {facet("dir.group", "group", result.facets.category_groups, (v) => catName.get(v) ?? v, params.group)}
            {facet(
              "dir.category",
              "category",
              result.facets.category_codes,
              (v) => `${v} ${catName.get(v) ?? ""}`,
              params.category,
              10,
            )}
            {facet("dir.city", "city", result.facets.city_adcode, (v) => placeName(v) || v, params.city?.toString())}
            {facet(
              "dir.certification",
              "certification",
              result.facets.certifications,
              (v) => certificationLabel(t, v),
              params.certification,
            )}
            {facet(
              "dir.verification",
              "verified",
              {
                ...(result.facets.verification_status.verified
                  ? { "1": result.facets.verification_status.verified }
                  : {}),
              },
              () => t("common.verified"),
              params.verified ? "1" : undefined,
            )}
          </aside>
          <div>
            <p className="muted" data-testid="supplier-total">
              {t("suppliers.found", { n: result.total })}
              {plant ? ` · ${t("dir.within", { km: params.radius_km, plant: name(plant) })}` : ""}
            </p>
            {plant || params.q ? (
              <p className="dir-order muted" data-testid="result-order">
                {t(plant ? "dir.orderByDistance" : "dir.orderByRelevance")}
              </p>
            ) : null}
            {result.total === 0 ? (
              <div className="notice warn" data-testid="emptied-by">
                <p>{t("suppliers.none")}</p>
                {result.emptiedBy.map((e) => (
                  <p key={e.filter}>
                    {t("dir.emptiedBy", { filter: t(FILTER_LABEL[e.filter]), n: e.total })}{" "}
                    <Link
                      to={href({
                        [e.filter === "radius" ? "plant" : e.filter]: undefined,
                      })}
                    >
                      {t("dir.removeFilter")}
                    </Link>
                  </p>
                ))}
              </div>
            ) : null}
            <ul className="results">
              {result.hits.map((h) => (
                <li key={h.supplier_id} data-testid="supplier-hit">
                  <div className="hit-head">
                    <Link to={`/suppliers/${h.supplier_id}`}>
                      <strong>{localName(lang, h)}</strong>
                    </Link>
                    {h.distance_km !== null ? (
                      <span className="distance" data-testid="hit-distance">
                        {t("common.km", { n: h.distance_km })}
                      </span>
                    ) : null}
                  </div>
                  <div>
                    {h.is_sample ? <span className="badge sample">{t("common.sample")}</span> : null}{" "}
                    <span className={`badge ${h.verification_status}`}>
                      {t(`common.${h.verification_status}` as MessageKey)}
                    </span>{" "}
                    {h.certifications.map((c) => (
                      <span key={c} className="badge">
                        {certificationLabel(t, c)}
                      </span>
                    ))}{" "}
                    {h.site_status !== "operating" ? (
                      <span className={`badge site-${h.site_status}`} data-testid="hit-status">
                        {siteStatusLabel(t, h.site_status)}
                      </span>
                    ) : null}{" "}
                    <span className="muted">{placeName(String(h.county_adcode))}</span>
                    {h.site_precision !== "exact" ? (
                      <span className="muted" data-testid="hit-precision">
                        {" "}
                        · {precisionText(t, { precision: h.site_precision, precisionKm: h.precision_km })}
                      </span>
                    ) : null}
                  </div>
                  <div className="muted">
                    {h.category_codes.map((c) => catName.get(c)).join(t("common.listSeparator"))}
                  </div>
                </li>
              ))}
            </ul>
            {pages > 1 ? (
              <nav className="pager" aria-label={t("dir.pages")}>
                {params.page > 1 ? <Link to={`${href({})}&page=${params.page - 1}`}>‹</Link> : null}
                <span>
                  {params.page} / {pages}
                </span>
                {params.page < pages ? (
                  <Link to={`${href({})}&page=${params.page + 1}`} data-testid="next-page">
                    ›
                  </Link>
                ) : null}
              </nav>
            ) : null}
          </div>
          <div className="map-col">
            {map ? <SupplierMap view={map} label={t("dir.mapLabel")} /> : null}
            <p className="muted map-hint">{t("map.hint")}</p>
          </div>
        </div>
      ) : null}
    </div>
  );
}
