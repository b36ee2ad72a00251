import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { authorize } from "../auth/guard.server";
import { ImportUpload } from "../components/ImportUpload";
import { formatFen } from "../domain/money";
import { EmptyState } from "../components/EmptyState";
import { PROCUREMENT_COLUMNS } from "../domain/procurement-import";
import { depsOf } from "../features/deps.server";
import { ledgerPage } from "../features/ledger/entries.server";
import { problemText } from "../features/ledger/import-report";
import { importProcurement } from "../features/ledger/import-procurement.server";
import { reverseLedgerEntry } from "../features/ledger/reverse.server";
import { importOptions, reverseInput } from "../features/ledger/schemas";
import { procurementUpload } from "../features/ledger/upload.server";
import { formAction, invalid, parseForm, parseValues, type FormFailure } from "../lib/forms.server";
import { localName, pageTitle, useLang, useT, type MessageKey } from "../lib/i18n";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "ledger.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "ledger.import");
  return json(await ledgerPage(depsOf(context), actor));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = authorize(context, request, "ledger.import");
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    const upload = await procurementUpload(request);
    if (!upload.ok)
      return json(
        {
          ok: false as const,
          errors: { file: upload.error.key },
          values: {},
          vars: upload.error.vars,
        } satisfies FormFailure & { vars: Record<string, string | number> },
        { status: 400 },
      );
    const options = parseValues(upload.fields, importOptions);
    if (!options.ok) return invalid(options.errors, options.values);
    // One import per OEM runs at a time: this request waits while an earlier one runs.
    const result = await importProcurement(
      depsOf(context),
      actor,
      { records: upload.records, unknownLocality: options.data.unknown_locality, fileName: upload.fileName },
      { leaseSeconds: context.imports?.leaseSeconds },
    );
    return json({ ok: true as const, kind: "import" as const, result });
  }
  authorize(context, request, "ledger.reverse", { organizationId: actor.organizationId });
  const form = await parseForm(request, reverseInput);
  if (!form.ok) return invalid(form.errors, form.values);
  return formAction(form.values, async () => {
    await reverseLedgerEntry(depsOf(context), actor, form.data);
    return json({ ok: true as const, kind: "reverse" as const, result: null });
  });
}

export default function Ledger() {
  const { entries, plants, imports } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  const failure = data && !data.ok ? data : null;
  const result = data && data.ok && data.kind === "import" ? data.result : null;
  return (
    <div>
      <h1>{t("ledger.title")}</h1>
      <p>{t("ledger.lead")}</p>
      {failure ? (
        <p className="notice error" role="alert">
          {Object.values(failure.errors)
            .map((key) => t(key, "vars" in failure ? failure.vars : undefined))
            .join(" ")}
        </p>
      ) : null}
      {result ? (
        <div className="notice ok" data-testid="ledger-import-result">
          {t("imports.inserted")} {result.inserted} · {t("imports.unchanged")} {result.unchanged} ·{" "}
          {t("imports.rejected")} {result.rejected}
          {result.unknownLocality ? ` · ${t("ledger.importedUnknown", { n: result.unknownLocality })}` : ""}
          {result.report.length ? (
            <ul>
              {result.report.map((r) => (
                <li key={r.row}>
                  {t("imports.row")} {r.row}:{" "}
                  {r.reasons.map((p) => problemText(lang, p)).join(t("common.clauseSeparator"))}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <p>
        <a href="/ledger/template.xlsx" download data-testid="ledger-template-xlsx">
          {t("ledger.templateXlsx")}
        </a>{" "}
        ·{" "}
        <a href="/ledger/template.csv" download data-testid="ledger-template-csv">
          {t("ledger.templateCsv")}
        </a>
      </p>
      {plants.length ? (
        <p data-testid="own-plants">
          {t("ledger.ownPlants")}{" "}
          {plants.map((p, i) => (
            <span key={p.code}>
              {i > 0 ? " · " : ""}
              <code>{p.code}</code> {localName(lang, p)}
            </span>
          ))}
        </p>
      ) : null}
      <p className="muted">{t("ledger.allowUnknownNote")}</p>
      <ImportUpload columns={PROCUREMENT_COLUMNS} helpKey={(key) => `ledger.help.${key}` as MessageKey}>
        <label>
          <input type="checkbox" name="unknown_locality" value="import" /> {t("ledger.allowUnknown")}
        </label>
      </ImportUpload>
      {imports.length === 0 ? <EmptyState message="empty.ledgerImports" testId="ledger-imports-empty" /> : null}
      {imports.length ? (
        <>
          <h2>{t("ledger.imports")}</h2>
          <div className="table-scroll">
            <table className="data-table" data-testid="ledger-imports">
              <thead>
                <tr>
                  <th>{t("imports.file")}</th>
                  <th>{t("imports.status")}</th>
                  <th className="num">{t("imports.rows")}</th>
                  <th className="num">{t("imports.inserted")}</th>
                  <th className="num">{t("imports.unchanged")}</th>
                  <th className="num">{t("imports.rejected")}</th>
                </tr>
              </thead>
              <tbody>
                {imports.map((j) => (
                  <tr key={j.id}>
                    <td>{j.file_name || t("ledger.importUnnamed")}</td>
                    <td data-status={j.status}>{t(`imports.status.${j.status}`)}</td>
                    <td className="num">
                      {j.processed_rows} / {j.total_rows}
                    </td>
                    <td className="num">{j.inserted}</td>
                    <td className="num">{j.unchanged}</td>
                    <td className="num">{j.rejected}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      <h2>{t("ledger.entries")}</h2>
      {entries.length === 0 ? (
        <EmptyState
          message="empty.ledger"
          action={{ to: "/demands", label: "empty.ledger.action" }}
          testId="ledger-empty"
        />
      ) : null}
      <div className="table-scroll">
        <table className="data-table">
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-testid="ledger-entry">
                <td>
                  #{e.id} {t(`ledger.source.${e.source}`)}
                </td>
                <td>{e.document_no ?? ""}</td>
                <td>
                  {e.period_year}
                  {e.period_quarter ? ` Q${e.period_quarter}` : ""}
                </td>
                <td>{e.category_code}</td>
                <td>
                  {e.supplier_name
                    ? localName(lang, { name_zh: e.supplier_name, name_en: e.supplier_name_en })
                    : e.outside_supplier_name}
                </td>
                <td className="num">¥{formatFen(e.amount_fen)}</td>
                <td>
                  {t(
                    e.province_unknown
                      ? "ledger.provinceUnknown"
                      : e.supplier_in_jilin
                        ? "ledger.inJilin"
                        : "ledger.outsideJilin",
                  )}{" "}
                  ·{" "}
                  {t(
                    e.circle_unknown
                      ? "ledger.circleUnknown"
                      : e.inside_circle
                        ? "ledger.insideCircle"
                        : "ledger.outsideCircle",
                  )}
                  {e.distance_km !== null ? ` · ${Math.round(e.distance_km)} km` : ""}
                </td>
                <td>
                  {e.source === "reversal" ? null : e.reversed_by ? (
                    t("ledger.reversed")
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="entryId" value={e.id} />
                      <button type="submit">{t("ledger.reverse")}</button>
                    </Form>
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
