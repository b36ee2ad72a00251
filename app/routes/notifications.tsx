import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { listNotifications } from "../../db/notifications.server";
import { authorize } from "../auth/guard.server";
import { notificationKey } from "../features/accounts/labels";
import { markNotificationsRead } from "../features/accounts/notifications.server";
import { depsOf } from "../features/deps.server";
import { pageTitle, useLang, useT } from "../lib/i18n";
import { formatDateTime } from "../domain/format";
import { EmptyState } from "../components/EmptyState";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "notifications.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "notifications.read");
  return json({ notifications: await listNotifications(context.db, actor.userId!) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = authorize(context, request, "notifications.read");
  const { marked } = await markNotificationsRead(depsOf(context), actor);
  return json({ ok: true as const, marked });
}

export default function Notifications() {
  const { notifications } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <div>
      <h1>{t("notifications.title")}</h1>
      {notifications.length === 0 ? (
        <EmptyState
          message="empty.notifications"
          action={{ to: "/suppliers", label: "empty.notifications.action" }}
          testId="notifications-empty"
        />
      ) : (
        <Form method="post">
          <button type="submit" data-testid="mark-read">
            {t("notifications.markRead")}
          </button>
        </Form>
      )}
      <ul className="results">
        {notifications.map((n) => (
          <li key={n.id} className={n.read_at ? "read" : "unread"} data-testid="notification">
            <Link to={n.link}>{t(notificationKey(n.kind), { title: n.title })}</Link>
            <div className="muted">{formatDateTime(lang, n.created_at)}</div>
          </li>
        ))}
      </ul>
    </div>
  );
}
