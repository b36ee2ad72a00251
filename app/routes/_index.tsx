import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { platformCounts } from "../../db/stats.server";
import { indexedSupplierSites } from "../../search/directory.server";
import { pageTitle, useT } from "../lib/i18n";
import { supplierFirstSteps } from "../features/suppliers/first-steps.server";
import { FirstSteps } from "../components/FirstSteps";
import { formatCount } from "../domain/money";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "app.tagline");

export async function loader({ context }: LoaderFunctionArgs) {
  const [counts, indexed, firstSteps] = await Promise.all([
    platformCounts(context.db),
    indexedSupplierSites(context.search),
    supplierFirstSteps({ db: context.db }, context.actor),
  ]);
  return json({ counts, indexed, firstSteps });
}

export default function Home() {
  const { counts, indexed, firstSteps } = useLoaderData<typeof loader>();
  const t = useT();
  const root = useRouteLoaderData("root") as
    { user?: { role: string } | null; nav?: { dashboard?: boolean } } | undefined;
  const user = root?.user ?? null;
  const role = user?.role;
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
      {firstSteps && !firstSteps.complete ? <FirstSteps items={firstSteps.items} done={firstSteps.done} /> : null}
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
        <article data-testid="audience-suppliers">
          <h3>{t("nav.forSuppliers")}</h3>
          <p>{t("home.forSuppliers")}</p>
          {/* Signing up is for visitors: /signup sends one signed in back here. */}
          {role === "supplier_admin" || role === "supplier_member" ? (
            <Link to="/opportunities">{t("home.suppliers.opportunities")} →</Link>
          ) : user ? null : (
            <Link to="/signup">{t("home.suppliers.signup")} →</Link>
          )}
        </article>
        <article data-testid="audience-buyers">
          <h3>{t("nav.forBuyers")}</h3>
          <p>{t("home.forBuyers")}</p>
          {role === "oem_admin" || role === "oem_buyer" ? (
            <Link to="/demands">{t("home.buyers.demands")} →</Link>
          ) : (
            <Link to="/suppliers">{t("home.buyers.suppliers")} →</Link>
          )}
        </article>
        <article data-testid="audience-officials">
          <h3>{t("nav.forOfficials")}</h3>
          <p>{t("home.forOfficials")}</p>
          {root?.nav?.dashboard ? (
            <Link to="/dashboard">{t("home.officials.dashboard")} →</Link>
          ) : user ? null : (
            <Link to="/login?redirectTo=%2Fdashboard">{t("home.officials.signIn")} →</Link>
          )}
        </article>
      </section>
    </div>
  );
}
