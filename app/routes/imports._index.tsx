import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { listImportJobs } from "../../db/supplier-import.server";
import { authorize } from "../auth/guard.server";
import { ImportUpload } from "../components/ImportUpload";
import { IMPORT_COLUMNS } from "../domain/supplier-import";
import { depsOf } from "../features/deps.server";
import { importSuppliers } from "../features/suppliers/import.server";
import { readSupplierUpload } from "../features/suppliers/upload.server";
import { pageTitle, useLang, useT, type MessageKey } from "../lib/i18n";
import { EmptyState } from "../components/EmptyState";
import { formatDateTime, formatNumber } from "../domain/format";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "imports.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  authorize(context, request, "supplier.import");
  return json({ jobs: await listImportJobs(context.db) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = authorize(context, request, "supplier.import");
  const upload = await readSupplierUpload(request);
  if (!upload.ok) return json({ error: upload.error }, { status: upload.status });
  // The rows run on after the response, after the organization's earlier imports: the page
  // polls the job's progress.
  const { jobId } = await importSuppliers(
    depsOf(context),
    actor,
    { fileName: upload.fileName, records: upload.records },
    { leaseSeconds: context.imports?.leaseSeconds },
  );
  return redirect(`/imports/${jobId}`);
}

export default function Imports() {
  const { jobs } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  return (
    <div>
      <h1>{t("imports.title")}</h1>
      <p>{t("imports.lead")}</p>
      <p className="muted">{t("imports.commentRows")}</p>
      <p>
        <a href="/imports/template.xlsx" download>
          {t("imports.templateXlsx")}
        </a>{" "}
        ·{" "}
        <a href="/imports/template.csv" download>
          {t("imports.templateCsv")}
        </a>
      </p>
      {data?.error ? (
        <p className="notice error" role="alert" data-testid="import-error">
          {t(data.error.key, data.error.vars)}
        </p>
      ) : null}
      <ImportUpload columns={IMPORT_COLUMNS} helpKey={(key) => `imports.help.${key}` as MessageKey} />
      <h2>{t("imports.history")}</h2>
      {jobs.length === 0 ? <EmptyState message="empty.imports" testId="imports-empty" /> : null}
      <div className="table-scroll" hidden={jobs.length === 0}>
        <table className="data-table cards">
          <thead>
            <tr>
              <th>{t("imports.file")}</th>
              <th>{t("imports.status")}</th>
              <th>{t("common.created")}</th>
              <th className="num">{t("imports.rows")}</th>
              <th className="num">{t("imports.inserted")}</th>
              <th className="num">{t("imports.updated")}</th>
              <th className="num">{t("imports.unchanged")}</th>
              <th className="num">{t("imports.rejected")}</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => (
              <tr key={j.id}>
                <td data-label={t("imports.file")}>
                  <Link to={`/imports/${j.id}`}>{j.file_name}</Link>
                </td>
                <td data-label={t("imports.status")} data-status={j.status}>
                  {t(`imports.status.${j.status}`)}
                </td>
                <td data-label={t("common.created")}>{formatDateTime(lang, j.created_at)}</td>
                <td data-label={t("imports.rows")} className="num">
                  {formatNumber(lang, j.total_rows)}
                </td>
                <td data-label={t("imports.inserted")} className="num">
                  {formatNumber(lang, j.inserted)}
                </td>
                <td data-label={t("imports.updated")} className="num">
                  {formatNumber(lang, j.updated)}
                </td>
                <td data-label={t("imports.unchanged")} className="num">
                  {formatNumber(lang, j.unchanged)}
                </td>
                <td data-label={t("imports.rejected")} className="num">
                  {formatNumber(lang, j.rejected)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
