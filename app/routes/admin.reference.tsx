import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { authorize } from "../auth/guard.server";
import { FormError } from "../components/Field";
import { depsOf } from "../features/deps.server";
import { referenceDifferencesPage } from "../features/organizations/reads.server";
import { decideReferenceDifference } from "../features/organizations/reference.server";
import { decideDifferenceSchema } from "../features/organizations/schemas";
import { formAction, invalid, parseForm } from "../lib/forms.server";
import { localName, pageTitle, useLang, useT, type MessageKey } from "../lib/i18n";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "admin.reference.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  authorize(context, request, "admin.organizations.manage");
  return json(await referenceDifferencesPage(context.db));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = authorize(context, request, "admin.organizations.manage");
  const form = await parseForm(request, decideDifferenceSchema);
  if (!form.ok) return invalid({ _form: "form.invalid" });
  return formAction(
    {},
    async () => json({ ok: true as const, ...(await decideReferenceDifference(depsOf(context), actor, form.data)) }),
    {
      fields: { difference: "_form" },
    },
  );
}

const FIELDS = ["name_zh", "name_en", "location"];

export default function ReferenceDifferences() {
  const { differences, places } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  const placeName = new Map(places.map((p) => [p.adcode, localName(lang, p)]));
  const show = (field: string, value: unknown) => {
    if (field !== "location" || !value || typeof value !== "object") return String(value ?? "—");
    const l = value as { lat: number; lng: number; adcode: number | null; precision_km: number | null };
    const place = l.adcode ? (placeName.get(l.adcode) ?? String(l.adcode)) : "";
    return `${place} (${l.lat.toFixed(5)}, ${l.lng.toFixed(5)}) ± ${t("common.km", { n: l.precision_km ?? "?" })}`;
  };
  const errors = (data && !data.ok ? data.errors : {}) as Record<string, MessageKey>;
  return (
    <div>
      <p>
        <Link to="/admin/organizations">{t("admin.oem.back")}</Link>
      </p>
      <h1>{t("admin.reference.title")}</h1>
      <p className="muted">{t("admin.reference.lead")}</p>
      <FormError error={errors._form} />
      {data && data.ok ? (
        <p className="notice ok" role="status">
          {t(data.decision === "accepted" ? "admin.reference.accepted" : "admin.reference.kept")}
        </p>
      ) : null}
      {differences.length === 0 ? (
        <p data-testid="no-differences">{t("admin.reference.none")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table wide" data-testid="difference-table">
            <thead>
              <tr>
                <th>{t("admin.reference.subject")}</th>
                <th>{t("admin.reference.field")}</th>
                <th>{t("admin.reference.local")}</th>
                <th>{t("admin.reference.reference")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {differences.map((d) => (
                <tr key={d.id} data-testid="difference-row">
                  <td>
                    {d.entity === "plant" ? (
                      <>
                        {t("admin.reference.plant")} <code>{d.plant_code}</code>{" "}
                        {localName(lang, { name_zh: d.plant_name_zh ?? "", name_en: d.plant_name_en })}
                      </>
                    ) : (
                      <>
                        {t("admin.reference.oem")} <code>{d.oem_code}</code>{" "}
                        {localName(lang, { name_zh: d.oem_name_zh, name_en: d.oem_name_en })}
                      </>
                    )}
                    <br />
                    <small className="muted">
                      {t("admin.reference.version")} <code>{d.reference_version}</code>
                    </small>
                  </td>
                  <td>
                    {t(
                      (FIELDS.includes(d.field)
                        ? `admin.reference.field.${d.field}`
                        : "admin.reference.field.other") as MessageKey,
                    )}
                  </td>
                  <td>{show(d.field, d.local_value)}</td>
                  <td>{show(d.field, d.reference_value)}</td>
                  <td>
                    <Form method="post" className="inline">
                      <input type="hidden" name="difference" value={d.id} />
                      <button type="submit" name="decision" value="accept" className="primary">
                        {t("admin.reference.accept")}
                      </button>
                      <button type="submit" name="decision" value="keep">
                        {t("admin.reference.keep")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
