import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { InstrumentsNav } from "../components/InstrumentsNav";
import { PolicyFilters } from "../components/PolicyFilters";
import { formatFen } from "../domain/money";
import { entrantsAction, entrantsPage } from "../features/policy/pages.server";
import { pageTitle, useT, type MessageKey } from "../lib/i18n";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "policy.entrants.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  return json(await entrantsPage(context, request));
}

export async function action({ request, context }: ActionFunctionArgs) {
  return entrantsAction(context, request);
}

type ActionData =
  | { ok: true; saved: string }
  | { ok: false; errors: Record<string, MessageKey>; values: Record<string, string | string[]> };

export default function Entrants() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<ActionData>();
  const nav = useNavigation();
  const t = useT();
  const q = new URLSearchParams({
    ...(d.params.year ? { year: String(d.params.year) } : {}),
    ...(d.params.oem ? { oem: d.params.oem } : {}),
  });
  const failedKey = a && !a.ok ? `${String(a.values.oemId)}|${String(a.values.supplierId)}` : null;
  return (
    <div className="policy-page">
      <InstrumentsNav />
      <h1>
        {t("policy.entrants.title")}{" "}
        <small>
          <a href={`/dashboard/entrants.csv?${q}`} data-testid="entrants-csv" download>
            CSV
          </a>{" "}
          ·{" "}
          <a href={`/dashboard/entrants.xlsx?${q}`} data-testid="entrants-xlsx" download>
            XLSX
          </a>
        </small>
      </h1>
      <PolicyFilters year={d.params.year} official={d.official} oem={d.params.oem} oems={d.oems} />
      <p className="muted">{t("policy.entrants.rule", d.rule)}</p>
      {a?.ok ? (
        <p className="notice ok" role="status">
          {t("policy.entrants.saved")}
        </p>
      ) : null}
      {a && !a.ok && a.errors._form ? (
        <p className="notice error" role="alert">
          {t(a.errors._form)}
        </p>
      ) : null}
      {d.params.year !== null ? <p className="muted">{t("policy.entrants.lead", { year: d.params.year })}</p> : null}
      {d.entrants.length === 0 ? (
        <p className="muted">{t("policy.entrants.none")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="entrants-table">
            <thead>
              <tr>
                <th>{t("policy.oem")}</th>
                <th>{t("policy.supplier")}</th>
                <th className="num">{t("policy.entrants.contract")}</th>
                <th>{t("policy.entrants.demand")}</th>
                <th>{t("policy.entrants.project")}</th>
                <th className="num">{t("policy.entrants.reward")}</th>
              </tr>
            </thead>
            <tbody>
              {d.entrants.map((e, i) => {
                const errors = failedKey === e.key && a && !a.ok ? a.errors : {};
                const values = failedKey === e.key && a && !a.ok ? a.values : {};
                const v = (k: string, fallback: string) =>
                  typeof values[k] === "string" ? String(values[k]) : fallback;
                return (
                  <tr key={e.key} data-testid="entrant-row">
                    <td>{e.oem}</td>
                    <td>{e.supplier}</td>
                    <td className="num">{formatFen(e.contractFen)}</td>
                    <td>{e.demand ? <a href={`/demands/${e.demand.id}`}>{e.demand.part}</a> : "—"}</td>
                    <td>
                      {e.project ? (
                        <span data-testid="entrant-project">
                          {t("policy.entrants.projectSummary", {
                            name: e.project.name,
                            total: formatFen(e.project.total.replace(".", "")),
                            equipment: formatFen(e.project.equipment.replace(".", "")),
                            start: e.project.start,
                          })}
                        </span>
                      ) : (
                        <span className="muted">{t("policy.entrants.noProject")}</span>
                      )}
                      {d.canRecord ? (
                        <details className="policy-record" open={failedKey === e.key}>
                          <summary>{t(e.project ? "policy.entrants.edit" : "policy.entrants.record")}</summary>
                          <Form method="post" className="policy-record-form">
                            <input type="hidden" name="oemId" value={e.oemId} />
                            <input type="hidden" name="supplierId" value={e.supplierId} />
                            {(
                              [
                                ["name", "policy.entrants.projectName", "text", e.project?.name ?? ""],
                                ["totalInvestment", "policy.entrants.totalInvestment", "text", e.project?.total ?? ""],
                                [
                                  "equipmentInvestment",
                                  "policy.entrants.equipmentInvestment",
                                  "text",
                                  e.project?.equipment ?? "",
                                ],
                                [
                                  "constructionStart",
                                  "policy.entrants.constructionStart",
                                  "date",
                                  e.project?.start ?? "",
                                ],
                              ] as const
                            ).map(([name, label, type, value]) => (
                              <div key={name} className={`field${errors[name] ? " has-error" : ""}`}>
                                <label htmlFor={`e${i}-${name}`}>{t(label)}</label>
                                <input
                                  id={`e${i}-${name}`}
                                  name={name}
                                  type={type}
                                  inputMode={type === "text" && name !== "name" ? "decimal" : undefined}
                                  defaultValue={v(name, value)}
                                  aria-invalid={errors[name] ? true : undefined}
                                  required
                                />
                                {errors[name] ? (
                                  <small className="field-error" role="alert">
                                    {t(errors[name])}
                                  </small>
                                ) : null}
                              </div>
                            ))}
                            <button type="submit" className="primary" disabled={nav.state === "submitting"}>
                              {t("policy.entrants.save")}
                            </button>
                          </Form>
                        </details>
                      ) : null}
                    </td>
                    <td className="num" data-testid="entrant-reward">
                      {e.reward.eligible ? (
                        <>
                          {formatFen(e.reward.fen)}
                          {e.reward.capped ? <small className="muted"> ({t("policy.entrants.capped")})</small> : null}
                        </>
                      ) : (
                        <small className="muted">
                          {t(
                            e.reward.reason === "below_threshold"
                              ? "policy.entrants.belowThreshold"
                              : "policy.entrants.noProject",
                          )}
                        </small>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
