import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { audit } from "../../db/audit.server";
import { reverseEntry } from "../../db/ledger.server";
import { importProcurement } from "../../db/procurement-import.server";
import { DomainError } from "../domain/errors";
import { authorize } from "../auth/guard.server";
import { formatFen } from "../domain/money";
import { PROCUREMENT_COLUMNS } from "../domain/procurement-import";
import { ImportFileError } from "../lib/import/records";
import { useT } from "../lib/i18n";
import { readProcurementUpload } from "../features/ledger/upload.server";

export const meta: MetaFunction = () => [{ title: "采购台账导入 · 配套 Peitao" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "ledger.import");
  const entries = await context.db
    .selectFrom("ledger_entries as l")
    .leftJoin("organizations as s", "s.id", "l.supplier_id")
    .leftJoin("ledger_entries as r", "r.reverses_id", "l.id")
    .select(["l.id", "l.source", "l.document_no", "l.period_year", "l.period_quarter", "l.category_code", "l.amount_fen", "l.supplier_in_jilin", "l.inside_circle", "l.distance_km", "l.outside_supplier_name", "s.name_zh as supplier_name", "r.id as reversed_by"])
    .where("l.oem_id", "=", actor.organizationId)
    .orderBy("l.id", "desc")
    .limit(100)
    .execute();
  return json({ entries });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = authorize(context, request, "ledger.import");
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    try {
      const records = await readProcurementUpload(request);
      const result = await importProcurement(context.db, actor.organizationId, records, actor.userId);
      return json({ kind: "import" as const, result, error: null });
    } catch (err) {
      if (err instanceof ImportFileError) return json({ kind: "import" as const, result: null, error: { key: err.key, vars: err.vars } }, { status: 400 });
      throw err;
    }
  }
  const form = await request.formData().catch(() => null);
  const id = Number(form?.get("entryId"));
  if (!Number.isSafeInteger(id) || id <= 0) return json({ kind: "reverse" as const, result: null, error: "entryId" }, { status: 400 });
  authorize(context, request, "ledger.reverse", { organizationId: actor.organizationId });
  try {
    const reversal = await reverseEntry(context.db, id, { oemId: actor.organizationId }, actor.userId);
    await audit(context.db, { action: "ledger_posted", actorUserId: actor.userId, organizationId: actor.organizationId, subjectType: "ledger_entry", subjectId: String(reversal), detail: { reverses: id }, ip: context.clientIp });
    return json({ kind: "reverse" as const, result: null, error: null });
  } catch (err) {
    if (err instanceof DomainError) return json({ kind: "reverse" as const, result: null, error: err.code }, { status: 400 });
    throw err;
  }
}

export default function Ledger() {
  const { entries } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  return (
    <div>
      <h1>{t("ledger.title")}</h1>
      <p>{t("ledger.lead")}</p>
      {data?.error ? <p className="notice error" role="alert">{typeof data.error === "string" ? data.error : t(data.error.key, data.error.vars)}</p> : null}
      {data?.result ? (
        <div className="notice ok" data-testid="ledger-import-result">
          {t("imports.inserted")} {data.result.inserted} · {t("imports.unchanged")} {data.result.unchanged} · {t("imports.rejected")} {data.result.rejected}
          {data.result.report.length ? <ul>{data.result.report.map((r) => <li key={r.row}>{t("imports.row")} {r.row}: {r.reasons.join("；")}</li>)}</ul> : null}
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="inline">
        <input type="file" name="file" accept=".csv,.xlsx" required aria-label={t("imports.file")} />
        <button type="submit" className="primary">{t("imports.start")}</button>
      </Form>
      <h2>{t("imports.columns")}</h2>
      <table className="data-table">
        <thead><tr><th>列 column</th><th>English</th><th>{t("imports.required")}</th><th>{t("imports.example")}</th><th>{t("imports.notes")}</th></tr></thead>
        <tbody>{PROCUREMENT_COLUMNS.map((c) => <tr key={c.key}><td>{c.zh}</td><td><code>{c.en}</code></td><td>{c.required ? "✓" : ""}</td><td>{c.example}</td><td>{c.help}</td></tr>)}</tbody>
      </table>
      <h2>{t("ledger.entries")}</h2>
      <div className="table-scroll">
        <table className="data-table">
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-testid="ledger-entry">
                <td>#{e.id} {e.source}</td><td>{e.document_no ?? ""}</td><td>{e.period_year}{e.period_quarter ? ` Q${e.period_quarter}` : ""}</td><td>{e.category_code}</td>
                <td>{e.supplier_name ?? e.outside_supplier_name}</td><td className="num">¥{formatFen(e.amount_fen)}</td>
                <td>{e.supplier_in_jilin ? "吉林" : "省外"} · {e.inside_circle ? "圈内" : "圈外"}{e.distance_km !== null ? ` · ${Math.round(e.distance_km)} km` : ""}</td>
                <td>
                  {e.source === "reversal" ? null : e.reversed_by ? t("ledger.reversed") : (
                    <Form method="post"><input type="hidden" name="entryId" value={e.id} /><button type="submit">{t("ledger.reverse")}</button></Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
