import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { audit } from "../../db/audit.server";
import { createOemWithAdmin, listOrganizations } from "../../db/organizations.server";
import { DomainError } from "../domain/errors";
import { authorize } from "../auth/guard.server";
import { emailField, nameField, newPasswordField, optionalNameField } from "../features/accounts/schemas";
import { Field, FormError } from "../components/Field";
import { invalid, parseForm } from "../lib/forms.server";
import { useLang, useT, type MessageKey } from "../lib/i18n";

export const meta: MetaFunction = () => [{ title: "机构管理 · 配套 Peitao" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  authorize(context, request, "admin.organizations.manage");
  return json({ organizations: await listOrganizations(context.db, "oem") });
}

const schema = z.object({
  nameZh: nameField(200),
  nameEn: optionalNameField(200),
  adminName: nameField(100),
  adminEmail: emailField,
  adminPassword: newPasswordField,
});

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = authorize(context, request, "admin.organizations.manage");
  const form = await parseForm(request, schema);
  if (!form.ok) return invalid(form.errors, form.values);
  try {
    const created = await createOemWithAdmin(context.db, form.data);
    await audit(context.db, { action: "organization_created", actorUserId: actor.userId, organizationId: created.organizationId, subjectType: "organization", subjectId: created.organizationId, ip: context.clientIp });
    return json({ ok: true as const, errors: {}, values: {} });
  } catch (err) {
    if (err instanceof DomainError) {
      const field = err.code === "email_taken" ? "adminEmail" : err.field ?? "_form";
      return invalid({ [field]: (err.code === "organization_exists" ? "form.invalid" : `form.${err.code}`) as MessageKey }, { nameZh: form.data.nameZh, adminName: form.data.adminName, adminEmail: form.data.adminEmail });
    }
    throw err;
  }
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
        <thead><tr><th>{t("plants.oem")}</th><th className="num">{t("members.title")}</th></tr></thead>
        <tbody>
          {organizations.map((o) => (
            <tr key={o.id}><td>{lang === "zh" ? o.name_zh : o.name_en ?? o.name_zh}</td><td className="num">{o.members}</td></tr>
          ))}
        </tbody>
      </table>
      <h2>{t("admin.createOem")}</h2>
      {data?.ok ? <p className="notice ok">{t("admin.created")}</p> : null}
      <Form method="post" className="stack narrow" noValidate>
        <FormError error={errors._form} />
        <Field name="nameZh" label="auth.orgNameZh" required defaultValue={values.nameZh} error={errors.nameZh} />
        <Field name="nameEn" label="auth.orgNameEn" defaultValue={values.nameEn} error={errors.nameEn} />
        <Field name="adminName" label="auth.displayName" required defaultValue={values.adminName} error={errors.adminName} />
        <Field name="adminEmail" label="auth.email" type="email" required defaultValue={values.adminEmail} error={errors.adminEmail} />
        <Field name="adminPassword" label="auth.password" type="password" required autoComplete="new-password" hint="auth.passwordHint" error={errors.adminPassword} />
        <button type="submit" className="primary">{t("admin.createOem")}</button>
      </Form>
    </div>
  );
}
