import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { depsOf } from "../features/deps.server";
import { signUpSupplier } from "../features/accounts/sign-up.server";
import { signUpSchema } from "../features/accounts/schemas";
import { Field, FormError } from "../components/Field";
import { formAction, invalid, parseForm } from "../lib/forms.server";
import { pageTitle, useT } from "../lib/i18n";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "nav.signUp");

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.actor) throw redirect("/");
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (context.actor) throw redirect("/");
  const form = await parseForm(request, signUpSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  return formAction(form.values, async () => {
    // The same answer whether the e-mail was registered or not (its owner is notified).
    await signUpSupplier(depsOf(context), form.data);
    return redirect("/login?registered=1");
  });
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
        <FormError error={errors._form ?? (Object.keys(errors).length ? "form.fixErrors" : undefined)} />
        <Field
          name="nameZh"
          label="auth.orgNameZh"
          required
          maxLength={200}
          defaultValue={values.nameZh}
          error={errors.nameZh}
        />
        <Field
          name="nameEn"
          label="auth.orgNameEn"
          maxLength={200}
          defaultValue={values.nameEn}
          error={errors.nameEn}
        />
        <Field
          name="uscc"
          label="auth.uscc"
          required
          maxLength={18}
          defaultValue={values.uscc}
          error={errors.uscc}
          autoCapitalize="characters"
        />
        <Field
          name="displayName"
          label="auth.displayName"
          required
          maxLength={100}
          defaultValue={values.displayName}
          error={errors.displayName}
        />
        <Field
          name="email"
          label="auth.email"
          type="email"
          required
          autoComplete="username"
          defaultValue={values.email}
          error={errors.email}
        />
        <Field
          name="password"
          label="auth.password"
          type="password"
          required
          autoComplete="new-password"
          hint="auth.passwordHint"
          error={errors.password}
        />
        <button type="submit" className="primary">
          {t("auth.submitSignUp")}
        </button>
      </Form>
    </div>
  );
}
