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
import { useEffect, useRef, type ReactNode } from "react";
import { ErrorPage } from "./components/ErrorPage";
import { unreadCount } from "../db/notifications.server";
import { pendingSupplierCount } from "../db/verification.server";
import { can } from "./domain/policy";
import { HEADER_COUNT_CAP, headerCountText } from "./domain/header-count";
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
    unread: actor?.userId ? await unreadOf(context, actor.userId) : 0,
    pendingSuppliers: verifies ? await pendingSupplierCount(context.db, { cap: HEADER_COUNT_CAP }) : 0,
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

/** The header's unread count: the one the session lookup took (server/app.ts), or counted now. */
function unreadOf(context: LoaderFunctionArgs["context"], userId: string) {
  const counted = context.unreadNotifications;
  return typeof counted === "number" ? counted : unreadCount(context.db, userId);
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

/** The header's links for a visitor: the main ones, and those grouped under "more". */
function headerLinks(data: RootData | undefined) {
  const nav = data?.nav;
  type Item = { to: string; key: MessageKey; testId?: string; badge?: ReactNode };
  const main: Item[] = [
    { to: "/", key: "nav.home" },
    { to: "/suppliers", key: "nav.suppliers" },
    { to: "/plants", key: "nav.plants" },
  ];
  const more: Item[] = [];
  if (nav?.demands) main.push({ to: "/demands", key: "nav.demands" });
  if (nav?.dashboard) main.push({ to: "/dashboard", key: "nav.dashboard" });
  if (nav?.ledger) main.push({ to: "/ledger", key: "nav.ledger" });
  if (nav?.opportunities) main.push({ to: "/opportunities", key: "nav.opportunities" });
  if (nav?.opportunities) main.push({ to: "/matches", key: "nav.myMatches" });
  if (nav?.profile) main.push({ to: "/profile", key: "nav.profile" });
  if (nav?.verification) main.push({ to: "/verification", key: "nav.verification", testId: "verification-link" });
  // Secondary pages: administration and bookkeeping, one click further.
  if (nav?.imports) more.push({ to: "/imports", key: "nav.imports" });
  if (nav?.members) more.push({ to: "/org/members", key: "nav.members" });
  if (nav?.tokens) more.push({ to: "/org/tokens", key: "nav.tokens" });
  if (nav?.audit) more.push({ to: "/audit", key: "nav.audit" });
  if (nav?.admin) more.push({ to: "/admin/organizations", key: "nav.admin" });
  return { main, more };
}

function Header() {
  const t = useT();
  const lang = useLang();
  const location = useLocation();
  const data = useRouteLoaderData("root") as RootData | undefined;
  const user = data?.user ?? null;
  const { main, more } = headerLinks(data);
  const menu = useRef<HTMLInputElement>(null);
  const moreMenu = useRef<HTMLDetailsElement>(null);
  // A page reached from the menu closes it (without JavaScript every click loads a new page).
  useEffect(() => {
    if (menu.current) menu.current.checked = false;
    if (moreMenu.current) moreMenu.current.open = false;
  }, [location.key]);
  const moreActive = more.some((m) => location.pathname === m.to || location.pathname.startsWith(`${m.to}/`));
  const badge = (to: string) =>
    to === "/verification" && data?.pendingSuppliers ? (
      <span
        className="unread-count"
        data-testid="pending-suppliers"
        title={t("verification.pendingBadge", { n: headerCountText(data.pendingSuppliers) })}
      >
        {headerCountText(data.pendingSuppliers)}
      </span>
    ) : null;
  return (
    <header className="site-header">
      <div className="brand">
        <NavItem to="/" className="brand-name">
          {t("app.name")} <span className="brand-sub">{t("app.nameOther")}</span>
        </NavItem>
        <span className="tagline">{t("app.tagline")}</span>
      </div>
      {/* On a phone the links fold under a menu button: a checkbox and its label, so it opens without JavaScript too. */}
      <input
        type="checkbox"
        id="site-menu-toggle"
        className="menu-toggle"
        ref={menu}
        aria-controls="site-menu"
        aria-label={t("ux.menu")}
      />
      <label htmlFor="site-menu-toggle" className="menu-button" data-menu-toggle="">
        <span aria-hidden="true">☰</span> {t("ux.menu")}
      </label>
      <div className="site-menu" id="site-menu">
        <nav aria-label="main">
          {main.map((m) => (
            <NavItem key={m.to} to={m.to} end={m.to === "/"} data-testid={m.testId}>
              {t(m.key)}
              {badge(m.to)}
            </NavItem>
          ))}
          {more.length ? (
            <details className={moreActive ? "nav-more active" : "nav-more"} ref={moreMenu}>
              <summary data-testid="nav-more">{t("ux.more")}</summary>
              <div className="nav-more-list">
                {more.map((m) => (
                  <NavItem key={m.to} to={m.to} data-testid={m.testId}>
                    {t(m.key)}
                  </NavItem>
                ))}
              </div>
            </details>
          ) : null}
        </nav>
        <div className="account-nav">
          {user ? (
            <>
              <NavItem to="/notifications" data-testid="notifications-link">
                {t("nav.notifications")}
                {data?.unread ? (
                  <span className="unread-count" data-testid="unread-count">
                    {headerCountText(data.unread)}
                  </span>
                ) : null}
              </NavItem>
              <NavItem to="/account" data-testid="account-link" className="account-link">
                <span className="account-name">{user.displayName}</span>
                <span className="account-role"> · {t(`role.${user.role}` as MessageKey)}</span>
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
          <Form method="post" action="/lang" className="lang-switch" reloadDocument>
            <input type="hidden" name="lang" value={lang === "zh" ? "en" : "zh"} />
            <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
            <button type="submit" data-testid="lang-switch" lang={lang === "zh" ? "en" : "zh-CN"}>
              {t("nav.language")}
            </button>
          </Form>
        </div>
      </div>
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
