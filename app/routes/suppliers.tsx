import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { SearchUnavailableError, searchDirectory } from "../../search/directory.server";
import { useLang, useT } from "../i18n";

export const meta: MetaFunction = () => [{ title: "供应商目录 · 配套 Peitao" }];

const querySchema = z.object({
  q: z.string().trim().max(200).catch(""),
  page: z.coerce.number().int().min(1).max(500).catch(1),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  try {
    const result = await searchDirectory(context.search, { ...query, perPage: 20 });
    return json({ query, result, searchDown: false });
  } catch (err) {
    if (err instanceof SearchUnavailableError) return json({ query, result: null, searchDown: true }, { status: 503 });
    throw err;
  }
}

export default function Suppliers() {
  const { query, result, searchDown } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const pages = result ? Math.ceil(result.total / result.perPage) : 0;
  return (
    <div>
      <h1>{t("suppliers.title")}</h1>
      <Form method="get" className="search-form" role="search">
        <input type="search" name="q" defaultValue={query.q} placeholder={t("suppliers.query")} aria-label={t("suppliers.query")} maxLength={200} />
        <button type="submit">{t("suppliers.search")}</button>
      </Form>
      {searchDown ? <p className="notice warn">{t("suppliers.searchDown")}</p> : null}
      {result ? (
        <>
          <p className="muted" data-testid="supplier-total">{t("suppliers.found", { n: result.total })}</p>
          {result.hits.length === 0 ? <p>{t("suppliers.none")}</p> : null}
          <ul className="results">
            {result.hits.map((h) => (
              <li key={h.supplier_id} data-testid="supplier-hit">
                <strong>{lang === "zh" ? h.name_zh : h.name_en || h.name_zh}</strong>{" "}
                {h.is_sample ? <span className="badge sample">{t("common.sample")}</span> : null}{" "}
                <span className={`badge ${h.verification_status}`}>{t(`common.${h.verification_status}` as "common.verified")}</span>
                <div className="muted">{lang === "zh" ? h.products_zh : h.products_en}</div>
              </li>
            ))}
          </ul>
          {pages > 1 ? (
            <nav className="pager" aria-label="pages">
              {query.page > 1 ? <Link to={`?q=${encodeURIComponent(query.q)}&page=${query.page - 1}`}>‹</Link> : null}
              <span>
                {query.page} / {pages}
              </span>
              {query.page < pages ? <Link to={`?q=${encodeURIComponent(query.q)}&page=${query.page + 1}`}>›</Link> : null}
            </nav>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
