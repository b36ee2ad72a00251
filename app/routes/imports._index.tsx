import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  json,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { createImportJob, listImportJobs, runSupplierImport } from "../../db/supplier-import.server";
import { authorize } from "../auth/guard.server";
import { csvToRecords, IMPORT_COLUMNS, ImportFileError, MAX_IMPORT_BYTES, tableToRecords } from "../domain/supplier-import";
import { readXlsx } from "../lib/import/xlsx.server";
import { useT } from "../lib/i18n";

export const meta: MetaFunction = () => [{ title: "批量导入 · 配套 Peitao" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  authorize(context, request, "supplier.import");
  return json({ jobs: await listImportJobs(context.db) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = authorize(context, request, "supplier.import");
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_BYTES }));
  } catch (err) {
    const message = err instanceof MaxPartSizeExceededError ? "文件超过 10 MB 上限。The file exceeds 10 MB." : "无法读取上传的文件。The upload could not be read.";
    return json({ error: message }, { status: err instanceof MaxPartSizeExceededError ? 413 : 400 });
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return json({ error: "请选择要导入的 CSV 或 XLSX 文件。Choose a CSV or XLSX file." }, { status: 400 });
  const bytes = new Uint8Array(await file.arrayBuffer());
  let records;
  try {
    const isXlsx = /\.xlsx$/i.test(file.name) || (bytes[0] === 0x50 && bytes[1] === 0x4b);
    records = isXlsx ? tableToRecords(await readXlsx(bytes)) : csvToRecords(bytes).records;
  } catch (err) {
    if (err instanceof ImportFileError) return json({ error: err.message }, { status: 400 });
    throw err;
  }
  const jobId = await createImportJob(context.db, file.name.slice(0, 200), records.length, actor.userId);
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
      {data?.error ? <p className="notice error" role="alert" data-testid="import-error">{data.error}</p> : null}
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
