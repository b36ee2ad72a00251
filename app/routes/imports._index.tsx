import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { createImportJob, listImportJobs, runSupplierImport } from "../../db/supplier-import.server";
import { authorize } from "../auth/guard.server";
import { IMPORT_COLUMNS } from "../domain/supplier-import";
import { ImportFileError } from "../lib/import/records";
import { readUpload, uploadRecords } from "../lib/import/upload.server";
import { useT } from "../lib/i18n";

export const meta: MetaFunction = () => [{ title: "批量导入 · 配套 Peitao" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  authorize(context, request, "supplier.import");
  return json({ jobs: await listImportJobs(context.db) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = authorize(context, request, "supplier.import");
  let upload, records;
  try {
    upload = await readUpload(request);
    records = await uploadRecords(upload, IMPORT_COLUMNS);
  } catch (err) {
    if (err instanceof ImportFileError) {
      return json({ error: { key: err.key, vars: err.vars } }, { status: err.key === "importFile.tooLarge" ? 413 : 400 });
    }
    throw err;
  }
  const jobId = await createImportJob(context.db, upload.name.slice(0, 200), records.length, actor.userId);
  // Runs on after the response: the page polls its progress.
  void runSupplierImport(context.db, jobId, records);
  return redirect(`/imports/${jobId}`);
}

export default function Imports() {
  const { jobs } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  return (
    <div>
      <h1>{t("imports.title")}</h1>
      <p>{t("imports.lead")}</p>
      <p>
        <a href="/imports/template.xlsx" download>{t("imports.templateXlsx")}</a> · <a href="/imports/template.csv" download>{t("imports.templateCsv")}</a>
      </p>
      {data?.error ? <p className="notice error" role="alert" data-testid="import-error">{t(data.error.key, data.error.vars)}</p> : null}
      <Form method="post" encType="multipart/form-data" className="inline">
        <input type="file" name="file" accept=".csv,.xlsx,text/csv" required aria-label={t("imports.file")} />
        <button type="submit" className="primary">{t("imports.start")}</button>
      </Form>
      <h2>{t("imports.columns")}</h2>
      <table className="data-table">
        <thead><tr><th>列 column</th><th>English</th><th>{t("imports.required")}</th><th>{t("imports.example")}</th><th>{t("imports.notes")}</th></tr></thead>
        <tbody>
          {IMPORT_COLUMNS.map((c) => (
            <tr key={c.key}><td>{c.zh}</td><td><code>{c.en}</code></td><td>{c.required ? "✓" : ""}</td><td>{c.example}</td><td>{c.help}</td></tr>
          ))}
        </tbody>
      </table>
      <h2>{t("imports.history")}</h2>
      <table className="data-table">
        <thead><tr><th>{t("imports.file")}</th><th>{t("imports.status")}</th><th className="num">{t("imports.rows")}</th><th className="num">{t("imports.inserted")}</th><th className="num">{t("imports.updated")}</th><th className="num">{t("imports.unchanged")}</th><th className="num">{t("imports.rejected")}</th></tr></thead>
        <tbody>
          {jobs.map((j) => (
            <tr key={j.id}>
              <td><Link to={`/imports/${j.id}`}>{j.file_name}</Link></td><td>{j.status}</td><td className="num">{j.total_rows}</td>
              <td className="num">{j.inserted}</td><td className="num">{j.updated}</td><td className="num">{j.unchanged}</td><td className="num">{j.rejected}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
