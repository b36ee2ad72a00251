import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { listOrganizations } from "../../db/organizations.server";
import { authorize } from "../auth/guard.server";
import { createOemWithAdmin } from "../features/accounts/organizations.server";
import { createOemSchema } from "../features/accounts/schemas";
import { depsOf } from "../features/deps.server";
import { Field, FormError } from "../components/Field";
import { formAction, invalid, parseForm } from "../lib/forms.server";
import { localName, pageTitle, useLang, useT, type MessageKey } from "../lib/i18n";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "admin.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  authorize(context, request, "admin.organizations.manage");
  return json({ organizations: await listOrganizations(context.db, "oem") });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = authorize(context, request, "admin.organizations.manage");
  const form = await parseForm(request, createOemSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  return formAction(
    form.values,
    async () => {
      await createOemWithAdmin(depsOf(context), actor, form.data);
      return json({ ok: true as const });
    },
    { fields: { email: "adminEmail" } },
  );
}

export default function AdminOrganizations() {
  const { organizations } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  const errors = (data && !data.ok ? data.errors : {}) as Record<string, MessageKey>;
  const values = (data && !data.ok ? data.values : {}) as Record<string, string>;
  return (
    <div>
      <h1>{t("admin.title")}</h1>
      <table className="data-table">
        <thead>
          <tr>
            <th>{t("plants.oem")}</th>
            <th className="num">{t("members.title")}</th>
          </tr>
        </thead>
        <tbody>
          {organizations.map((o) => (
            <tr key={o.id}>
              <td>{localName(lang, o)}</td>
              <td className="num">{o.members}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("admin.createOem")}</h2>
      {data?.ok ? <p className="notice ok">{t("admin.created")}</p> : null}
      <Form method="post" className="stack narrow" noValidate>
        <FormError error={errors._form} />
        <Field name="nameZh" label="auth.orgNameZh" required defaultValue={values.nameZh} error={errors.nameZh} />
        <Field name="nameEn" label="auth.orgNameEn" defaultValue={values.nameEn} error={errors.nameEn} />
        <Field
          name="adminName"
          label="auth.displayName"
          required
          defaultValue={values.adminName}
          error={errors.adminName}
        />
        <Field
          name="adminEmail"
          label="auth.email"
          type="email"
          required
          defaultValue={values.adminEmail}
          error={errors.adminEmail}
        />
        <Field
          name="adminPassword"
          label="auth.password"
          type="password"
          required
          autoComplete="new-password"
          hint="auth.passwordHint"
          error={errors.adminPassword}
        />
        <button type="submit" className="primary">
          {t("admin.createOem")}
        </button>
      </Form>
    </div>
  );
}
