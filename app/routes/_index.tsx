import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { platformCounts } from "../../db/stats.server";
import { indexedSupplierSites } from "../../search/directory.server";
import { pageTitle, useT } from "../lib/i18n";
import { formatCount } from "../domain/money";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "app.tagline");

export async function loader({ context }: LoaderFunctionArgs) {
  const [counts, indexed] = await Promise.all([platformCounts(context.db), indexedSupplierSites(context.search)]);
  return json({ counts, indexed });
}

export default function Home() {
  const { counts, indexed } = useLoaderData<typeof loader>();
  const t = useT();
  const figures = [
    ["home.suppliers", counts.suppliers, "suppliers"],
    ["home.verified", counts.verifiedSuppliers, "verified"],
    ["home.oems", counts.oems, "oems"],
    ["home.plants", counts.plants, "plants"],
    ["home.categories", counts.categories, "categories"],
  ] as const;
  return (
    <div className="home">
      <section className="hero">
        <h1>{t("app.tagline")}</h1>
        <p>{t("home.lead")}</p>
        <p className="policy">{t("home.policy")}</p>
      </section>
      <section aria-labelledby="counts">
        <h2 id="counts">{t("home.counts")}</h2>
        <dl className="figures">
          {figures.map(([key, value, id]) => (
            <div key={id} className="figure" data-testid={`count-${id}`}>
              <dt>{t(key)}</dt>
              <dd>{formatCount(value)}</dd>
            </div>
          ))}
          <div className="figure" data-testid="count-indexed">
            <dt>{t("home.indexed")}</dt>
            <dd>{indexed === null ? "—" : formatCount(indexed)}</dd>
          </div>
        </dl>
        {indexed === null ? <p className="notice warn">{t("home.searchDown")}</p> : null}
        {counts.sampleSuppliers > 0 ? (
          <p className="muted" data-testid="sample-note">
            {t("home.sample")}
          </p>
        ) : null}
      </section>
      <section className="audiences">
        <article>
          <h3>{t("nav.forSuppliers")}</h3>
          <p>{t("home.forSuppliers")}</p>
          <Link to="/suppliers">{t("nav.suppliers")} →</Link>
        </article>
        <article>
          <h3>{t("nav.forBuyers")}</h3>
          <p>{t("home.forBuyers")}</p>
          <Link to="/plants">{t("nav.plants")} →</Link>
        </article>
        <article>
          <h3>{t("nav.forOfficials")}</h3>
          <p>{t("home.forOfficials")}</p>
          <Link to="/plants">{t("nav.plants")} →</Link>
        </article>
      </section>
    </div>
  );
}
