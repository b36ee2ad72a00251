import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Chart } from "../components/Chart";
import { SortableTable } from "../components/SortableTable";
import { MAP_HEIGHT, MAP_WIDTH } from "../domain/map-projection";
import { formatWholeYuan } from "../domain/money";
import { formatPp, formatRate, POLICY } from "../domain/rates";
import { barsOption, trendOption } from "../features/dashboard/chart-options";
import { dashboardPage } from "../features/dashboard/dashboard-page.server";
import { pageTitle, useT } from "../lib/i18n";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "dash.title");

// Server work (figures, tables, chart SVG, caches) lives in the loader's .server module:
// nothing at this module's top level may need the server, or the browser bundle breaks.
export async function loader({ request, context }: LoaderFunctionArgs) {
  return json(await dashboardPage(context, request));
}

export default function Dashboard() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const c = d.overview.check;
  const u = d.overview.unknown;
  const q = `year=${d.params.year}&basis=${d.params.basis}`;
  return (
    <div>
      <h1>
        {t("dash.title")}
        {d.scoped ? ` · ${t("dash.ownOnly")}` : ""}
      </h1>
      <Form method="get" className="filters">
        <label>
          {t("match.year")}
          <input
            type="number"
            name="year"
            defaultValue={d.params.year}
            min={2000}
            max={2100}
            style={{ width: "6em" }}
          />
        </label>
        <label>
          {t("dash.basis")}
          <select name="basis" defaultValue={d.params.basis}>
            <option value="province">{t("dash.basis.province")}</option>
            <option value="circle">{t("dash.basis.circle")}</option>
          </select>
        </label>
        <button type="submit" className="primary">
          {t("dash.show")}
        </button>
      </Form>
      <div className="kpis">
        <div className="kpi" data-testid="kpi-rate">
          <div className="muted">{t("dash.rate", { year: d.params.year })}</div>
          <div className="value">{formatRate(c.rate)}</div>
          <div className={c.meetsMinRate ? "ok-text" : "bad-text"}>
            {c.meetsMinRate ? "✓" : "✗"} ≥ {POLICY.minRate * 100}%
          </div>
        </div>
        <div className="kpi">
          <div className="muted">{t("dash.previous", { year: d.params.year - 1 })}</div>
          <div className="value">{formatRate(c.previousRate)}</div>
          <div className={c.meetsRise ? "ok-text" : "bad-text"}>
            {formatPp(c.changePp)} {c.meetsRise ? "✓" : "✗"} ≥ +{POLICY.minRisePp} pp
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
          <div className="value">¥{formatWholeYuan(d.overview.totalFen)}</div>
          <div className="muted">
            {t("dash.toReach")}: ¥{formatWholeYuan(c.fenToMinRate, "up")}
          </div>
        </div>
        <div className="kpi" data-testid="kpi-unknown">
          <div className="muted">{t("dash.unknown")}</div>
          <div className="value">¥{formatWholeYuan(u.fen)}</div>
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
      {d.tables.map((table) => (
        <section key={table.id}>
          <h2>
            {table.title}{" "}
            <small>
              <a href={`/dashboard/export.csv?table=${table.id}&${q}`} data-testid={`csv-${table.id}`}>
                CSV
              </a>{" "}
              ·{" "}
              <a href={`/dashboard/export.xlsx?table=${table.id}&${q}`} data-testid={`xlsx-${table.id}`} download>
                XLSX
              </a>
            </small>
          </h2>
          {table.id === "gaps" && d.gapsDown ? <p className="notice warn">{t("suppliers.searchDown")}</p> : null}
          <SortableTable table={table} />
        </section>
      ))}
      <section>
        <h2>{t("dash.map")}</h2>
        <div style={{ maxWidth: 760 }}>
          {/* A frame, not an <object>: the Content-Security-Policy allows no plugins (object-src 'none'). */}
          <iframe
            src={d.mapSrc}
            className="supplier-map"
            title={t("dash.map")}
            style={{ aspectRatio: `${MAP_WIDTH} / ${MAP_HEIGHT}` }}
            data-testid="dashboard-map"
          />
        </div>
        <p className="muted">{t("dash.mapNote")}</p>
      </section>
    </div>
  );
}
