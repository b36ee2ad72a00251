import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { authorize } from "../auth/guard.server";
import { Field, FormError } from "../components/Field";
import { depsOf } from "../features/deps.server";
import { createOem } from "../features/organizations/oems.server";
import { oemListPage } from "../features/organizations/reads.server";
import { createOemSchema } from "../features/organizations/schemas";
import { formAction, invalid, parseForm } from "../lib/forms.server";
import { localName, pageTitle, useLang, useT, type MessageKey } from "../lib/i18n";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "admin.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  authorize(context, request, "admin.organizations.manage");
  return json(await oemListPage(context.db));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = authorize(context, request, "admin.organizations.manage");
  const form = await parseForm(request, createOemSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  return formAction(form.values, async () => {
    const { code } = await createOem(depsOf(context), actor, form.data);
    return redirect(`/admin/organizations/${encodeURIComponent(code)}?created=1`);
  });
}

export default function AdminOrganizations() {
  const { oems, openDifferences } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  const errors = (data && !data.ok ? data.errors : {}) as Record<string, MessageKey>;
  const values = (data && !data.ok ? data.values : {}) as Record<string, string>;
  return (
    <div>
      <h1>{t("admin.title")}</h1>
      <p className="muted">{t("admin.oems.lead")}</p>
      {openDifferences > 0 ? (
        <p className="notice warn" data-testid="reference-differences">
          {t("admin.oems.differences", { n: openDifferences })}{" "}
          <Link to="/admin/reference">{t("admin.oems.review")}</Link>
        </p>
      ) : null}
      <div className="table-scroll">
        <table className="data-table wide" data-testid="oem-table">
          <thead>
            <tr>
              <th>{t("plants.oem")}</th>
              <th>{t("admin.oems.code")}</th>
              <th className="num">{t("admin.oems.plants")}</th>
              <th>{t("admin.oems.admins")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {oems.map((o) => (
              <tr key={o.code} data-testid={`oem-${o.code}`}>
                <td>{localName(lang, o)}</td>
                <td>
                  <code>{o.code}</code>
                </td>
                <td className="num">
                  {o.plants}
                  {o.retired_plants ? (
                    <>
                      {" "}
                      <small className="muted">{t("admin.oems.retiredCount", { n: o.retired_plants })}</small>
                    </>
                  ) : null}
                </td>
                <td>{o.admins ? o.admins : <span className="muted">{t("admin.oems.noAdmin")}</span>}</td>
                <td>
                  <Link to={`/admin/organizations/${encodeURIComponent(o.code ?? "")}`}>{t("admin.oems.manage")}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t("admin.oems.create")}</h2>
      <Form method="post" className="stack narrow" noValidate>
        <FormError error={errors._form} />
        <Field name="nameZh" label="auth.orgNameZh" required defaultValue={values.nameZh} error={errors.nameZh} />
        <Field name="nameEn" label="auth.orgNameEn" defaultValue={values.nameEn} error={errors.nameEn} />
        <Field
          name="code"
          label="admin.oems.codeOptional"
          hint="admin.oems.codeHint"
          autoCapitalize="characters"
          defaultValue={values.code}
          error={errors.code}
        />
        <Field name="uscc" label="admin.oems.usccOptional" defaultValue={values.uscc} error={errors.uscc} />
        <button type="submit" className="primary">
          {t("admin.oems.create")}
        </button>
      </Form>
    </div>
  );
}
