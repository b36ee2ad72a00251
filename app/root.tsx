// First: before any schema is built in the browser (see the module).
import "./lib/zod-jitless";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Form,
  Links,
  Meta,
  Link,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLocation,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorPage } from "./components/ErrorPage";
import { unreadCount } from "../db/notifications.server";
import { pendingSupplierCount } from "../db/verification.server";
import { can } from "./domain/policy";
import { pageTitle, translate, useLang, useT, type Lang, type MessageKey } from "./lib/i18n";
import { getLang } from "./lib/lang.server";
import { useNonce } from "./lib/nonce";
import styles from "./styles.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

/** The title of a page without its own, and of the error page (404, 403, 503, 500). */
export const meta: MetaFunction<typeof loader> = ({ matches, error }) => {
  if (!error) return pageTitle(matches, "app.tagline");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kind = ([403, 404, 503] as const).find((s) => s === status) ?? 500;
  return pageTitle(matches, `error.${kind}.title`);
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = context.actor?.via === "session" ? context.actor : null;
  const verifies = can(actor, "supplier.verify");
  return json({
    lang: await getLang(request),
    user: actor ? { displayName: actor.displayName, role: actor.role } : null,
    unread: actor?.userId ? await unreadCount(context.db, actor.userId) : 0,
    pendingSuppliers: verifies ? await pendingSupplierCount(context.db) : 0,
    nav: {
      demands: can(actor, "demand.list"),
      dashboard: can(actor, "dashboard.read"),
      ledger: can(actor, "ledger.import"),
      opportunities: can(actor, "opportunities.read"),
      profile: can(actor, "supplier.profile.edit", { organizationId: actor?.organizationId }),
      imports: can(actor, "supplier.import"),
      verification: verifies,
      members: can(actor, "org.members.read"),
      tokens: can(actor, "org.tokens.manage"),
      audit: can(actor, "audit.read"),
      admin: can(actor, "admin.organizations.manage"),
    },
  });
}

type RootData = SerializeFrom<typeof loader>;

/**
 * A header link marked current like NavLink, without NavLink's per-link route matching
 * (the header renders on every page; a dozen NavLinks were a measurable share of a render).
 */
function NavItem({
  to,
  end,
  children,
  ...rest
}: {
  to: string;
  end?: boolean;
  children: ReactNode;
  "data-testid"?: string;
  className?: string;
}) {
  const { pathname } = useLocation();
  const active = end || to === "/" ? pathname === to : pathname === to || pathname.startsWith(`${to}/`);
  return (
    <Link
      to={to}
      {...rest}
      className={[rest.className, active ? "active" : undefined].filter(Boolean).join(" ") || undefined}
      aria-current={active ? "page" : undefined}
    >
      {children}
    </Link>
  );
}

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
        <NavItem to="/" className="brand-name">
          {t("app.name")} <span className="brand-sub">{t("app.nameOther")}</span>
        </NavItem>
        <span className="tagline">{t("app.tagline")}</span>
      </div>
      <nav aria-label="main">
        <NavItem to="/" end>
          {t("nav.home")}
        </NavItem>
        <NavItem to="/suppliers">{t("nav.suppliers")}</NavItem>
        <NavItem to="/plants">{t("nav.plants")}</NavItem>
        {nav?.demands ? <NavItem to="/demands">{t("nav.demands")}</NavItem> : null}
        {nav?.dashboard ? <NavItem to="/dashboard">{t("nav.dashboard")}</NavItem> : null}
        {nav?.ledger ? <NavItem to="/ledger">{t("nav.ledger")}</NavItem> : null}
        {nav?.opportunities ? <NavItem to="/opportunities">{t("nav.opportunities")}</NavItem> : null}
        {nav?.profile ? <NavItem to="/profile">{t("nav.profile")}</NavItem> : null}
        {nav?.imports ? <NavItem to="/imports">{t("nav.imports")}</NavItem> : null}
        {nav?.verification ? (
          <NavItem to="/verification" data-testid="verification-link">
            {t("nav.verification")}
            {data?.pendingSuppliers ? (
              <span
                className="unread-count"
                data-testid="pending-suppliers"
                title={t("verification.pendingBadge", { n: data.pendingSuppliers })}
              >
                {data.pendingSuppliers}
              </span>
            ) : null}
          </NavItem>
        ) : null}
        {nav?.members ? <NavItem to="/org/members">{t("nav.members")}</NavItem> : null}
        {nav?.tokens ? <NavItem to="/org/tokens">{t("nav.tokens")}</NavItem> : null}
        {nav?.audit ? <NavItem to="/audit">{t("nav.audit")}</NavItem> : null}
        {nav?.admin ? <NavItem to="/admin/organizations">{t("nav.admin")}</NavItem> : null}
      </nav>
      <div className="account-nav">
        {user ? (
          <>
            <NavItem to="/notifications" data-testid="notifications-link">
              {t("nav.notifications")}
              {data?.unread ? (
                <span className="unread-count" data-testid="unread-count">
                  {data.unread}
                </span>
              ) : null}
            </NavItem>
            <NavItem to="/account" data-testid="account-link">
              {user.displayName} · {t(`role.${user.role}` as MessageKey)}
            </NavItem>
            <Form method="post" action="/logout" className="inline">
              <button type="submit" data-testid="sign-out">
                {t("nav.signOut")}
              </button>
            </Form>
          </>
        ) : (
          <>
            <NavItem
              to={
                location.pathname === "/" || location.pathname === "/login"
                  ? "/login"
                  : `/login?redirectTo=${encodeURIComponent(location.pathname + location.search)}`
              }
              data-testid="sign-in-link"
            >
              {t("nav.signIn")}
            </NavItem>
            <NavItem to="/signup">{t("nav.signUp")}</NavItem>
          </>
        )}
      </div>
      <Form method="post" action="/lang" className="lang-switch" reloadDocument>
        <input type="hidden" name="lang" value={lang === "zh" ? "en" : "zh"} />
        <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
        <button type="submit" data-testid="lang-switch">
          {t("nav.language")}
        </button>
      </Form>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData("root") as { lang?: Lang } | undefined;
  const lang = data?.lang ?? "zh";
  const nonce = useNonce();
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
          <span>{translate(lang, "app.footer")}</span>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
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
