import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { recentAudit } from "../../db/audit.server";
import { authorize } from "../auth/guard.server";
import { useT } from "../lib/i18n";

export const meta: MetaFunction = () => [{ title: "审计日志 · 配套 Peitao" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  authorize(context, request, "audit.read");
  return json({ entries: await recentAudit(context.db, 200) });
}

export default function Audit() {
  const { entries } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div>
      <h1>{t("audit.title")}</h1>
      <table className="data-table">
        <thead>
          <tr><th>{t("audit.at")}</th><th>{t("audit.action")}</th><th>{t("audit.actor")}</th><th>{t("audit.subject")}</th><th>IP</th></tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} data-testid="audit-row">
              <td>{new Date(e.at).toLocaleString()}</td>
              <td><code>{e.action}</code></td>
              <td>{e.actor_email ?? "—"}{e.organization_name ? ` · ${e.organization_name}` : ""}</td>
              <td>{e.subject_type ? `${e.subject_type} ${e.subject_id ?? ""}` : ""}</td>
              <td>{e.ip ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
