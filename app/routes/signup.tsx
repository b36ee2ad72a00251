import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { audit } from "../../db/audit.server";
import { signUpSupplier } from "../../db/users.server";
import { DomainError } from "../domain/errors";
import { signUpSchema } from "../features/accounts/schemas";
import { signInAndRedirect } from "../auth/sign-in.server";
import { Field, FormError } from "../components/Field";
import { invalid, parseForm } from "../lib/forms.server";
import type { MessageKey } from "../lib/i18n";
import { useT } from "../lib/i18n";

export const meta: MetaFunction = () => [{ title: "供应商注册 · 配套 Peitao" }];

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.actor) throw redirect("/");
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (context.actor) throw redirect("/");
  const form = await parseForm(request, signUpSchema);
  if (!form.ok) return invalid({ ...form.errors, _form: "form.fixErrors" }, form.values);
  try {
    const { userId, organizationId } = await signUpSupplier(context.db, form.data);
    await audit(context.db, { action: "sign_up", actorUserId: userId, organizationId, ip: context.clientIp });
    return signInAndRedirect(context, request, userId, "/account");
  } catch (err) {
    if (err instanceof DomainError && err.field) {
      const { password: _omit, ...values } = form.data;
      return invalid({ [err.field]: `form.${err.code}` as MessageKey, _form: "form.fixErrors" }, { ...values, nameEn: values.nameEn ?? "" });
    }
    throw err;
  }
}

export default function SignUp() {
  const t = useT();
  const data = useActionData<typeof action>();
  const errors = data && !data.ok ? data.errors : {};
  const values = data && !data.ok ? data.values : {};
  return (
    <div className="narrow">
      <h1>{t("auth.signUp.title")}</h1>
      <p className="muted">{t("auth.signUp.lead")}</p>
      <Form method="post" className="stack" noValidate>
        <FormError error={errors._form} />
        <Field name="nameZh" label="auth.orgNameZh" required maxLength={200} defaultValue={values.nameZh} error={errors.nameZh} />
        <Field name="nameEn" label="auth.orgNameEn" maxLength={200} defaultValue={values.nameEn} error={errors.nameEn} />
        <Field name="uscc" label="auth.uscc" required maxLength={18} defaultValue={values.uscc} error={errors.uscc} autoCapitalize="characters" />
        <Field name="displayName" label="auth.displayName" required maxLength={100} defaultValue={values.displayName} error={errors.displayName} />
        <Field name="email" label="auth.email" type="email" required autoComplete="username" defaultValue={values.email} error={errors.email} />
        <Field name="password" label="auth.password" type="password" required autoComplete="new-password" hint="auth.passwordHint" error={errors.password} />
        <button type="submit" className="primary">{t("auth.submitSignUp")}</button>
      </Form>
    </div>
  );
}
