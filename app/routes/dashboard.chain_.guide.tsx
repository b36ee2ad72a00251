import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { guidePage } from "../features/chain/chain-page.server";
import { pageTitle, useT } from "../lib/i18n";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "chain.guide.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  return json(await guidePage(context, request));
}

export default function ChainGuidePage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const q = d.query;
  const back = new URLSearchParams({ year: String(q.year), basis: q.basis, ...(q.nev ? { nev: "true" } : {}) });
  return (
    <div className="chain-guide">
      <p className="no-print">
        <Link to={`/dashboard/chain?${back.toString()}`}>← {t("chain.title")}</Link>
      </p>
      <h1>
        {t("chain.guide.title")} · {q.year}
      </h1>
      <p>{t("chain.guide.intro", { year: q.year })}</p>
      {d.bad ? <p className="notice warn">{t("chain.badParams")}</p> : null}
      <Form method="get" className="chain-choice no-print" data-testid="guide-choice">
        <input type="hidden" name="year" value={q.year} />
        <input type="hidden" name="basis" value={q.basis} />
        {q.nev ? <input type="hidden" name="nev" value="true" /> : null}
        <fieldset>
          <legend>{t("chain.guide.choosePlants")}</legend>
          {d.choices.plants.map((p) => (
            <label key={p.id} className="check">
              <input type="checkbox" name="plant" value={p.id} defaultChecked={d.chosen.plants.includes(p.id)} />{" "}
              {p.label}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("chain.guide.chooseCats")}</legend>
          {d.choices.cats.map((c) => (
            <label key={c.code} className="check">
              <input type="checkbox" name="cat" value={c.code} defaultChecked={d.chosen.cats.includes(c.code)} />{" "}
              {c.label}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="primary">
          {t("chain.guide.apply")}
        </button>
      </Form>
      <p className="no-print">
        <a href={`/dashboard/chain/guide.xlsx${d.exportQuery}`} download data-testid="guide-xlsx">
          {t("chain.guide.xlsx")}
        </a>{" "}
        ·{" "}
        <button type="button" onClick={() => window.print()}>
          {t("chain.guide.print")}
        </button>
      </p>
      {d.rows.length === 0 ? (
        <p className="muted">{t("chain.guide.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="chain-guide-table" data-testid="guide-table">
            <thead>
              <tr>
                <th>{t("chain.col.plant")}</th>
                <th>{t("chain.col.category")}</th>
                <th>{t("chain.col.openDemands")}</th>
                <th>{t("chain.col.openVolume")}</th>
                <th>{t("chain.col.openValue")}</th>
                <th>{t("chain.col.lastYearOut", { year: q.year - 1 })}</th>
                <th>{t("chain.col.nearestOutCircle")}</th>
                <th>{t("chain.col.nearestOutProvince")}</th>
                <th>{t("chain.col.hooks")}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.key}>
                  <td>{r.plant}</td>
                  <td>
                    {r.nevKey ? "★ " : ""}
                    {r.category}
                  </td>
                  <td className="num">{r.openDemands}</td>
                  <td className="num">{r.openVolume}</td>
                  <td className="num">
                    {r.openYuan}
                    {r.unpriced ? <div className="muted">{t("chain.guide.unpriced", { n: r.unpriced })}</div> : null}
                  </td>
                  <td className="num">{r.lastYearOutYuan}</td>
                  <td>{r.outsideCircle.map((s) => `${s.name} (${s.km} km)`).join("; ") || t("chain.none")}</td>
                  <td>{r.outsideProvince.map((s) => `${s.name} (${s.km} km)`).join("; ") || t("chain.none")}</td>
                  <td>
                    <ul className="chain-hooks">
                      {r.hooks.map((h) => (
                        <li key={h}>{h}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section className="chain-method">
        <h2>{t("chain.method.title")}</h2>
        <ul>
          <li>
            {t("chain.method.gap", {
              thin: d.thresholds.thinMinVerified,
              covered: d.thresholds.coveredMinVerified,
              share: Math.round(d.thresholds.coveredMinShare * 100),
              basis: t(q.basis === "province" ? "chain.basis.province" : "chain.basis.circle"),
            })}
          </li>
          <li>{t("chain.method.verified")}</li>
          <li>{t("chain.method.openValue")}</li>
          <li>{t("chain.method.lastYearOut", { year: q.year - 1 })}</li>
          <li>{t("chain.method.nearestOutCircle")}</li>
          <li>{t("chain.method.nearestOutProvince")}</li>
        </ul>
      </section>
    </div>
  );
}
