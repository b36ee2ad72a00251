import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { Chart } from "../components/Chart";
import { InstrumentsNav } from "../components/InstrumentsNav";
import { SortableTable } from "../components/SortableTable";
import { SupplierMap } from "../components/SupplierMap";
import { formatExactYuan, formatTotal } from "../domain/money";
import { formatPp, formatRate, POLICY } from "../domain/rates";
import { barsOption, trendOption } from "../features/dashboard/chart-options";
import { dashboardPage } from "../features/dashboard/dashboard-page.server";
import { pageTitle, useLang, useT } from "../lib/i18n";
import { dashboardHref } from "../features/dashboard/tables";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "dash.title");

// Server work (figures, tables, chart SVG, caches) lives in the loader's .server module:
// nothing at this module's top level may need the server, or the browser bundle breaks.
export async function loader({ request, context }: LoaderFunctionArgs) {
  return json(await dashboardPage(context, request));
}

export default function Dashboard() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const location = useLocation();
  const c = d.overview.check;
  const u = d.overview.unknown;
  const year = d.params.year;
  const cov = d.coverage;
  const base = { year, basis: d.params.basis, view: d.params.view };
  // Exports carry the page's whole query (year, basis, view, drill-down) and name the table.
  const query = new URLSearchParams(location.search);
  query.set("year", String(year));
  query.set("basis", d.params.basis);
  const exportHref = (format: "csv" | "xlsx", table: string) => {
    const q = new URLSearchParams(query);
    q.set("table", table);
    return `/dashboard/export.${format}?${q.toString()}`;
  };
  const at = d.drill.at;
  const money = (fen: string, rounding: "nearest" | "up" = "nearest") => (
    <span title={formatExactYuan(fen, lang)}>{formatTotal(fen, lang, rounding)}</span>
  );
  return (
    <div className="dash-page">
      <h1>
        {t("dash.title")}
        {d.scoped ? ` · ${t("dash.ownOnly")}` : ""}
      </h1>
      <InstrumentsNav />
      <Form method="get" className="filters">
        {d.params.view !== "oem" ? <input type="hidden" name="view" value={d.params.view} /> : null}
        {at.oem && !d.scoped ? <input type="hidden" name="oem" value={at.oem.id} /> : null}
        {at.plant ? <input type="hidden" name="plant" value={at.plant.code} /> : null}
        {at.category ? <input type="hidden" name="category" value={at.category.code} /> : null}
        <label>
          {t("dash.year")}
          <select name="year" defaultValue={year} key={year} data-testid="year-select" disabled={d.years.length === 0}>
            {d.years.length === 0 ? <option value="">—</option> : null}
            {d.years.map((y) => (
              <option key={y.year} value={y.year}>
                {y.partial ? t("dash.year.partialOption", { year: y.year, q: y.throughQuarter }) : y.year}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("dash.basis")}
          <select name="basis" defaultValue={d.params.basis} key={d.params.basis}>
            <option value="province">{t("dash.basis.province")}</option>
            <option value="circle">{t("dash.basis.circle")}</option>
          </select>
        </label>
        <button type="submit" className="primary">
          {t("dash.show")}
        </button>
      </Form>
      {d.yearNotice.notice === "empty-ledger" ? (
        <p className="notice" data-testid="year-notice">
          {t("dash.year.empty")}
        </p>
      ) : d.yearNotice.notice === "not-in-data" ? (
        <p className="notice warn" data-testid="year-notice">
          {t("dash.year.notInData", { asked: d.yearNotice.asked ?? "", year })}
        </p>
      ) : null}
      {cov.partial ? (
        <p className="notice" data-testid="partial-notice">
          {t("dash.year.partial", { year, q: cov.throughQuarter, last: cov.throughQuarter, prev: year - 1 })}
        </p>
      ) : null}
      {d.drill.unknown.map((w) => (
        <p className="notice warn" key={w} data-testid="unknown-filter">
          {t("dash.unknownFilter", { what: t(`dash.what.${w}`) })}
        </p>
      ))}
      <div className="kpis">
        <div className="kpi" data-testid="kpi-rate">
          <div className="muted">
            {cov.partial ? t("dash.rate.partial", { year, q: cov.throughQuarter }) : t("dash.rate", { year })}
          </div>
          <div className="value">{formatRate(c.rate)}</div>
          <div className={c.meetsMinRate ? "ok-text" : "bad-text"}>
            {c.meetsMinRate ? "✓" : "✗"} ≥ {POLICY.minRate * 100}%
          </div>
        </div>
        <div className="kpi">
          <div className="muted" data-testid="kpi-previous">
            {cov.partial
              ? t("dash.previous.partial", { year: year - 1, q: cov.throughQuarter })
              : t("dash.previous", { year: year - 1 })}
          </div>
          <div className="value">{formatRate(c.previousRate)}</div>
          <div className={c.meetsRise ? "ok-text" : "bad-text"}>
            {formatPp(c.changePp, lang)} {c.meetsRise ? "✓" : "✗"} ≥ {formatPp(POLICY.minRisePp, lang)}
          </div>
        </div>
        <div className="kpi">
          <div className="muted">{t("dash.nev")}</div>
          <div className="value">{formatRate(c.nevRate)}</div>
          <div className={c.meetsNevTarget ? "ok-text" : "bad-text"}>
            {c.meetsNevTarget ? "✓" : "✗"} ≥ {POLICY.nevTarget * 100}% ({POLICY.nevTargetYear})
          </div>
        </div>
        <div className="kpi">
          <div className="muted">{t("dash.total")}</div>
          <div className="value" data-testid="kpi-total">
            {money(d.overview.totalFen)}
          </div>
          <div className="muted">
            {t("dash.toReach")}: {money(c.fenToMinRate, "up")}
          </div>
        </div>
        <div className="kpi" data-testid="kpi-unknown">
          <div className="muted">{t("dash.unknown")}</div>
          <div className="value">{money(u.fen)}</div>
          <div className="muted">
            {BigInt(u.fen) > 0n
              ? t("dash.unknownNote", { share: formatRate(u.share), max: formatRate(u.maxRate) })
              : t("dash.unknownNone")}
          </div>
        </div>
      </div>
      <p className="muted">{t("dash.policyNote")}</p>
      <div className="two-col">
        <section>
          <h2>{t("dash.trend")}</h2>
          <Chart
            option={trendOption(d.trendData.labels, d.trendData.province, d.trendData.circle, d.trendData.names)}
            svg={d.trendSvg}
            height={300}
            label={t("dash.trend")}
            testId="trend-chart"
          />
        </section>
        <section>
          <h2>{t("dash.byGroup")}</h2>
          <Chart
            option={barsOption(d.groupData.labels, d.groupData.values, d.groupData.name)}
            svg={d.groupSvg}
            height={320}
            label={t("dash.byGroup")}
          />
        </section>
      </div>
      <nav className="dash-views" aria-label={t("dash.view")}>
        {(["oem", "plant", "category"] as const).map((v) => (
          <Link
            key={v}
            to={dashboardHref({ ...base, view: v })}
            className={d.params.view === v && !at.oem && !at.plant && !at.category ? "active" : undefined}
            data-testid={`view-${v}`}
          >
            {t(`dash.view.${v}`)}
          </Link>
        ))}
      </nav>
      <nav className="dash-crumbs" aria-label={t("dash.crumb.label")} data-testid="crumbs">
        <Link to={dashboardHref(base)}>{d.scoped && at.oem ? at.oem.name : t("dash.crumb.province")}</Link>
        {at.oem && !d.scoped ? (
          <>
            {" › "}
            <Link to={dashboardHref(base, { oem: at.oem.id })}>{at.oem.name}</Link>
          </>
        ) : null}
        {at.plant ? (
          <>
            {" › "}
            <Link to={dashboardHref(base, { oem: at.oem?.id, plant: at.plant.code })}>{at.plant.name}</Link>
          </>
        ) : null}
        {at.category ? (
          <>
            {" › "}
            <span>{at.category.name}</span>
          </>
        ) : null}
      </nav>
      <p className="muted">{t("dash.drillHint")}</p>
      {d.tables.map((table) => (
        <section key={table.id}>
          <h2>
            {table.title}{" "}
            <small>
              <a href={exportHref("csv", table.id)} data-testid={`csv-${table.id}`} download>
                CSV
              </a>{" "}
              ·{" "}
              <a href={exportHref("xlsx", table.id)} data-testid={`xlsx-${table.id}`} download>
                XLSX
              </a>
            </small>
          </h2>
          {table.note ? <p className="muted">{table.note}</p> : null}
          {table.id === "gaps" && d.gapsDown ? <p className="notice warn">{t("suppliers.searchDown")}</p> : null}
          <SortableTable table={table} />
        </section>
      ))}
      <section>
        <h2>{t("dash.map")}</h2>
        <div style={{ maxWidth: 760 }}>
          <SupplierMap
            view={{ svgSrc: d.mapSrc, dataSrc: d.mapSrc.replace("/map.svg", "/map.json") }}
            label={t("dash.map")}
            testId="dashboard-map"
          />
        </div>
        <p className="muted">{t("dash.mapNote")}</p>
      </section>
    </div>
  );
}
