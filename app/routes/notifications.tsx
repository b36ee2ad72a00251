import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { listNotifications, markAllRead } from "../../db/notifications.server";
import { authorize } from "../auth/guard.server";
import { useT, type MessageKey } from "../lib/i18n";

export const meta: MetaFunction = () => [{ title: "通知 · 配套 Peitao" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "notifications.read");
  return json({ notifications: await listNotifications(context.db, actor.userId!) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = authorize(context, request, "notifications.read");
  await markAllRead(context.db, actor.userId!);
  return json({ ok: true });
}

export default function Notifications() {
  const { notifications } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div>
      <h1>{t("notifications.title")}</h1>
      <Form method="post"><button type="submit" data-testid="mark-read">{t("notifications.markRead")}</button></Form>
      {notifications.length === 0 ? <p>{t("notifications.none")}</p> : null}
      <ul className="results">
        {notifications.map((n) => (
          <li key={n.id} className={n.read_at ? "read" : "unread"} data-testid="notification">
            <Link to={n.link}>{t(`notif.${n.kind}` as MessageKey, { title: n.title })}</Link>
            <div className="muted">{new Date(n.created_at).toLocaleString()}</div>
          </li>
        ))}
      </ul>
    </div>
  );
}
