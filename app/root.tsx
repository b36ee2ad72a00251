import type { LinksFunction, LoaderFunctionArgs, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useLocation, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorPage } from "./components/ErrorPage";
import { unreadCount } from "../db/notifications.server";
import { can } from "./domain/policy";
import { useLang, useT, type Lang, type MessageKey } from "./i18n";
import { getLang } from "./lang.server";
import styles from "./styles.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = context.actor?.via === "session" ? context.actor : null;
  return json({
    lang: await getLang(request),
    user: actor ? { displayName: actor.displayName, role: actor.role } : null,
    unread: actor?.userId ? await unreadCount(context.db, actor.userId) : 0,
    nav: {
      demands: can(actor, "demand.list"),
      dashboard: can(actor, "dashboard.read"),
      ledger: can(actor, "ledger.import"),
      opportunities: can(actor, "opportunities.read"),
      profile: can(actor, "supplier.profile.edit", { organizationId: actor?.organizationId }),
      imports: can(actor, "supplier.import"),
      members: can(actor, "org.members.read"),
      tokens: can(actor, "org.tokens.manage"),
      audit: can(actor, "audit.read"),
      admin: can(actor, "admin.organizations.manage"),
    },
  });
}

type RootData = SerializeFrom<typeof loader>;

function Header() {
  const t = useT();
  const lang = useLang();
  const location = useLocation();
  const data = useRouteLoaderData("root") as RootData | undefined;
  const user = data?.user ?? null;
  const nav = data?.nav;
  return (
    <header className="site-header">
      <div className="brand">
        <NavLink to="/" className="brand-name">
          {t("app.name")} <span className="brand-sub">{lang === "zh" ? "Peitao" : "配套"}</span>
        </NavLink>
        <span className="tagline">{t("app.tagline")}</span>
      </div>
      <nav aria-label="main">
        <NavLink to="/" end>{t("nav.home")}</NavLink>
        <NavLink to="/suppliers">{t("nav.suppliers")}</NavLink>
        <NavLink to="/plants">{t("nav.plants")}</NavLink>
        {nav?.demands ? <NavLink to="/demands">{t("nav.demands")}</NavLink> : null}
        {nav?.dashboard ? <NavLink to="/dashboard">{t("nav.dashboard")}</NavLink> : null}
        {nav?.ledger ? <NavLink to="/ledger">{t("nav.ledger")}</NavLink> : null}
        {nav?.opportunities ? <NavLink to="/opportunities">{t("nav.opportunities")}</NavLink> : null}
        {nav?.profile ? <NavLink to="/profile">{t("nav.profile")}</NavLink> : null}
        {nav?.imports ? <NavLink to="/imports">{t("nav.imports")}</NavLink> : null}
        {nav?.members ? <NavLink to="/org/members">{t("nav.members")}</NavLink> : null}
        {nav?.tokens ? <NavLink to="/org/tokens">{t("nav.tokens")}</NavLink> : null}
        {nav?.audit ? <NavLink to="/audit">{t("nav.audit")}</NavLink> : null}
        {nav?.admin ? <NavLink to="/admin/organizations">{t("nav.admin")}</NavLink> : null}
      </nav>
      <div className="account-nav">
        {user ? (
          <>
            <NavLink to="/notifications" data-testid="notifications-link">
              {t("nav.notifications")}
              {data?.unread ? <span className="unread-count" data-testid="unread-count">{data.unread}</span> : null}
            </NavLink>
            <NavLink to="/account" data-testid="account-link">
              {user.displayName} · {t(`role.${user.role}` as MessageKey)}
            </NavLink>
            <Form method="post" action="/logout" className="inline">
              <button type="submit" data-testid="sign-out">{t("nav.signOut")}</button>
            </Form>
          </>
        ) : (
          <>
            <NavLink to="/login" data-testid="sign-in-link">{t("nav.signIn")}</NavLink>
            <NavLink to="/signup">{t("nav.signUp")}</NavLink>
          </>
        )}
      </div>
      <Form method="post" action="/lang" className="lang-switch" reloadDocument>
        <input type="hidden" name="lang" value={lang === "zh" ? "en" : "zh"} />
        <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
        <button type="submit" data-testid="lang-switch">{t("nav.language")}</button>
      </Form>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData("root") as { lang?: Lang } | undefined;
  const lang = data?.lang ?? "zh";
  return (
    <html lang={lang === "zh" ? "zh-CN" : "en"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <Header />
        <main>{children}</main>
        <footer className="site-footer">
          <span>配套 Peitao · {lang === "zh" ? "吉林省汽车产业本地配套" : "Jilin automotive local supply"}</span>
        </footer>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
