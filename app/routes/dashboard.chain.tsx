import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigate } from "@remix-run/react";
import { ChainHeatmap } from "../components/ChainHeatmap";
import { InstrumentsNav } from "../components/InstrumentsNav";
import { chainPage } from "../features/chain/chain-page.server";
import { pageTitle, useT, type MessageKey } from "../lib/i18n";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "chain.title");

// Figures, table rows and the heatmap's first paint come from the .server use case.
export async function loader({ request, context }: LoaderFunctionArgs) {
  return json(await chainPage(context, request));
}

export default function ChainMapPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const navigate = useNavigate();
  const q = d.query;
  const base = new URLSearchParams({
    year: String(q.year),
    basis: q.basis,
    by: q.by,
    ...(q.nev ? { nev: "true" } : {}),
    ...(q.group ? { group: q.group } : {}),
  });
  const cellHref = (col: string, cat: string) => {
    const p = new URLSearchParams(base);
    p.set("col", col);
    p.set("cat", cat);
    return `?${p.toString()}#chain-cell`;
  };
  const rowCats = d.view.groups.flatMap((g) => g.rows.map((r) => r.category));
  const th = d.thresholds;
  return (
    <div className="chain-page">
      <InstrumentsNav />
      <h1>{t("chain.title")}</h1>
      <p className="muted">{t("chain.intro")}</p>
      {d.bad ? <p className="notice warn">{t("chain.badParams")}</p> : null}
      <Form method="get" className="filters" data-testid="chain-filters">
        <label>
          {t("match.year")}
          <input type="number" name="year" defaultValue={q.year} min={2000} max={2100} style={{ width: "6em" }} />
        </label>
        <label>
          {t("dash.basis")}
          <select name="basis" defaultValue={q.basis}>
            <option value="province">{t("dash.basis.province")}</option>
            <option value="circle">{t("dash.basis.circle")}</option>
          </select>
        </label>
        <label>
          {t("chain.by")}
          <select name="by" defaultValue={q.by}>
            <option value="plant">{t("chain.by.plant")}</option>
            <option value="oem">{t("chain.by.oem")}</option>
          </select>
        </label>
        <label>
          {t("chain.group")}
          <select name="group" defaultValue={q.group ?? ""}>
            <option value="">{t("chain.group.all")}</option>
            {d.allGroups.map((g) => (
              <option key={g.code} value={g.code}>
                {g.name}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" name="nev" value="true" defaultChecked={q.nev} /> {t("chain.nevOnly")}
        </label>
        <button type="submit" className="primary">
          {t("dash.show")}
        </button>
      </Form>
      <p className="chain-legend">
        <span className="chain-swatch gap" /> {t("chain.legend.gap")} <span className="chain-swatch thin" />{" "}
        {t("chain.legend.thin")} <span className="chain-swatch covered" /> {t("chain.legend.covered")} ·{" "}
        {t("chain.nevMark")}
      </p>
      <p className="muted">
        {t("chain.rule", {
          thin: th.thinMinVerified,
          covered: th.coveredMinVerified,
          share: Math.round(th.coveredMinShare * 100),
          basis: t(q.basis === "province" ? "chain.basis.province" : "chain.basis.circle"),
        })}
      </p>
      <p>
        <Link to={`/dashboard/chain/guide?${base.toString()}`} data-testid="chain-guide-link" className="button">
          {t("chain.guide.link")}
        </Link>
      </p>
      {d.detail ? (
        <section id="chain-cell" className="chain-cell" data-testid="chain-cell" aria-live="polite">
          <h2>
            {d.detail.title} ·{" "}
            <span className={`chain-status ${d.detail.status}`}>{t(`chain.legend.${d.detail.status}`)}</span>
          </h2>
          <p>
            <Link to={`?${base.toString()}`} preventScrollReset>
              {t("chain.cell.close")}
            </Link>
          </p>
          <div className="two-col">
            <SupplierList title={t("chain.cell.inside")} list={d.detail.inside} testId="cell-inside" />
            <div>
              <SupplierList
                title={t("chain.cell.outsideCircle")}
                list={d.detail.outsideCircle}
                testId="cell-outside-circle"
              />
              <SupplierList
                title={t("chain.cell.outsideProvince")}
                list={d.detail.outsideProvince}
                testId="cell-outside-province"
              />
            </div>
          </div>
          <h3>{t("chain.cell.entries", { year: q.year })}</h3>
          {d.detail.entries.length ? (
            <div className="table-scroll">
              <table data-testid="cell-entries">
                <thead>
                  <tr>
                    <th>{t("chain.col.entry")}</th>
                    <th>{t("chain.col.source")}</th>
                    <th>{t("chain.col.supplier")}</th>
                    <th>{t("chain.col.amount")}</th>
                    <th>{t("chain.col.distance")}</th>
                    <th>{t("chain.col.local")}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.detail.entries.map((e) => (
                    <tr key={e.id}>
                      <td>
                        #{e.id}
                        {e.reverses ? ` → #${e.reverses}` : ""}
                        {e.document ? ` · ${e.document}` : ""}
                      </td>
                      <td>{t(`chain.source.${e.source}` as MessageKey)}</td>
                      <td>{e.supplier}</td>
                      <td className="num">{e.yuan}</td>
                      <td className="num">{e.km ?? "—"}</td>
                      <td>{e.locality}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="muted">{t("chain.none")}</p>
          )}
        </section>
      ) : (
        <p className="muted">{t("chain.cell.hint")}</p>
      )}
      <div className="chain-layout">
        <section className="chain-scroll">
          <h2>{t("chain.heatmap")}</h2>
          <ChainHeatmap
            data={d.view.heat}
            svg={d.view.svg}
            height={d.view.height}
            label={t("chain.heatmap")}
            onCell={(ci, ri) => {
              const col = d.view.columns[ci];
              const cat = rowCats[ri];
              if (col && cat) navigate(cellHref(col.id, cat), { preventScrollReset: false });
            }}
          />
        </section>
        <section className="chain-scroll">
          <h2>{t("chain.table")}</h2>
          <table className="chain-table" data-testid="chain-table">
            <caption className="visually-hidden">{t("chain.table")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("chain.col.category")}</th>
                {d.view.columns.map((c) => (
                  <th scope="col" key={c.id} title={c.label}>
                    {c.code}
                  </th>
                ))}
              </tr>
            </thead>
            {d.view.groups.map((g) => (
              <tbody key={g.code}>
                <tr className="chain-group">
                  <th scope="rowgroup" colSpan={d.view.columns.length + 1}>
                    {g.name}
                  </th>
                </tr>
                {g.rows.map((r) => (
                  <tr key={r.category}>
                    <th scope="row">
                      {r.nevKey ? <span title={t("chain.nevMark")}>★ </span> : null}
                      {r.name}
                    </th>
                    {r.cells.map((c) => (
                      <td key={c.column} className={`chain-cell-td ${c.status}`}>
                        <Link
                          to={cellHref(c.column, r.category)}
                          data-testid={`cell-${c.column}-${r.category}`}
                          aria-label={`${r.name} · ${d.view.columns.find((x) => x.id === c.column)?.label}: ${t(`chain.legend.${c.status}`)}; ${t("chain.col.verified")} ${c.verified}; ${t("chain.col.pending")} ${c.pending}; ${t("chain.col.nearest")} ${c.nearestKm ?? "—"}; ${t("chain.col.provinceShare")} ${c.provinceShare}; ${t("chain.col.circleShare")} ${c.circleShare}; ${t("chain.col.openValue")} ${c.openYuan}`}
                        >
                          {c.verified}
                          {c.pending ? <small>+{c.pending}</small> : null}
                        </Link>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </section>
      </div>
    </div>
  );
}

function SupplierList({
  title,
  list,
  testId,
}: {
  title: string;
  list: { id: string; name: string; km: number; verified: boolean }[];
  testId: string;
}) {
  const t = useT();
  return (
    <div data-testid={testId}>
      <h3>{title}</h3>
      {list.length ? (
        <ul>
          {list.map((s) => (
            <li key={s.id}>
              <Link to={`/suppliers/${s.id}`}>{s.name}</Link> · {s.km} km
              {s.verified ? "" : ` · ${t("chain.status.pending")}`}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("chain.none")}</p>
      )}
    </div>
  );
}
