import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { getImportJob } from "../../db/supplier-import.server";
import { authorize } from "../auth/guard.server";
import { importReportSchema } from "../domain/supplier-import";
import { importReasonText } from "../features/suppliers/labels";
import { pageTitle, useLang, useT } from "../lib/i18n";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data?.job.status === "running" || data?.job.status === "queued"
    ? [...pageTitle(matches, "imports.running"), { httpEquiv: "refresh", content: "2" }]
    : pageTitle(matches, "imports.result");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  authorize(context, request, "supplier.import");
  const id = z.uuid().safeParse(params.id);
  const job = id.success ? await getImportJob(context.db, id.data) : undefined;
  if (!job) throw new Response("Not Found", { status: 404 });
  const { report, error, ...rest } = job;
  // The stored report holds reason codes (and plain text in old reports); the page says them.
  return json({ job: { ...rest, failed: error !== null, report: importReportSchema.parse(report) } });
}

export default function ImportJob() {
  const { job } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const revalidator = useRevalidator();
  // With JavaScript, poll quietly; without it, the meta refresh does the same.
  useEffect(() => {
    if (job.status !== "running" && job.status !== "queued") return;
    const timer = setInterval(() => revalidator.revalidate(), 1000);
    return () => clearInterval(timer);
  }, [job.status, revalidator]);
  const percent = job.total_rows ? Math.round((job.processed_rows / job.total_rows) * 100) : 100;
  return (
    <div>
      <h1>
        {t("imports.title")}: {job.file_name}
      </h1>
      <p data-testid="import-status">
        {t("imports.status")}: <strong data-status={job.status}>{t(`imports.status.${job.status}`)}</strong> ·{" "}
        {job.processed_rows} / {job.total_rows} ({percent}%)
      </p>
      <div className="meter">
        <span style={{ width: `${percent}%` }} />
      </div>
      <dl className="facts" data-testid="import-counts">
        <dt>{t("imports.inserted")}</dt>
        <dd>{job.inserted}</dd>
        <dt>{t("imports.updated")}</dt>
        <dd>{job.updated}</dd>
        <dt>{t("imports.unchanged")}</dt>
        <dd>{job.unchanged}</dd>
        <dt>{t("imports.rejected")}</dt>
        <dd>{job.rejected}</dd>
      </dl>
      {job.failed ? <p className="notice error">{t("imports.failedNote")}</p> : null}
      {job.report.length ? (
        <div className="table-scroll">
          <table className="data-table" data-testid="import-report">
            <thead>
              <tr>
                <th className="num">{t("imports.row")}</th>
                <th>{t("imports.reasons")}</th>
              </tr>
            </thead>
            <tbody>
              {job.report.map((r, i) => (
                <tr key={i} className={r.warning ? "warning" : "rejected"}>
                  <td className="num">{r.row}</td>
                  <td>
                    {r.warning ? "⚠ " : ""}
                    {r.reasons.map((reason) => importReasonText(t, lang, reason)).join(t("imports.separator"))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p>
        <Link to="/imports">← {t("imports.title")}</Link>
      </p>
    </div>
  );
}
