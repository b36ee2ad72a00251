import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { recentAudit } from "../../db/audit.server";
import { authorize } from "../auth/guard.server";
import { auditActionKey, auditSubjectKey } from "../features/accounts/labels";
import { localName, pageTitle, useLang, useT } from "../lib/i18n";
import { formatDateTime } from "../domain/format";
import { EmptyState } from "../components/EmptyState";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "audit.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  authorize(context, request, "audit.read");
  return json({ entries: await recentAudit(context.db, 200) });
}

export default function Audit() {
  const { entries } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <div>
      <h1>{t("audit.title")}</h1>
      {entries.length === 0 ? <EmptyState message="empty.audit" /> : null}
      <div className="table-scroll">
        <table className="data-table cards">
          <thead>
            <tr>
              <th>{t("audit.at")}</th>
              <th>{t("audit.action")}</th>
              <th>{t("audit.actor")}</th>
              <th>{t("audit.subject")}</th>
              <th>{t("audit.ip")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-testid="audit-row">
                <td data-label={t("audit.at")}>{formatDateTime(lang, e.at)}</td>
                <td data-label={t("audit.action")} data-action={e.action}>
                  {t(auditActionKey(e.action))}
                </td>
                <td data-label={t("audit.actor")}>
                  {e.actor_email ?? "—"}
                  {e.organization_name_zh
                    ? ` · ${localName(lang, { name_zh: e.organization_name_zh, name_en: e.organization_name_en })}`
                    : ""}
                </td>
                <td data-label={t("audit.subject")}>
                  {e.subject_type ? `${t(auditSubjectKey(e.subject_type))} ${e.subject_id ?? ""}` : ""}
                </td>
                <td data-label={t("audit.ip")}>{e.ip ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
