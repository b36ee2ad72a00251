import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { requestPasswordReset } from "../features/accounts/password-reset.server";
import { forgotPasswordSchema } from "../features/accounts/schemas";
import { depsOf } from "../features/deps.server";
import { Field, FormError } from "../components/Field";
import { formAction, invalid, parseForm } from "../lib/forms.server";
import { pageTitle, useT } from "../lib/i18n";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "reset.forgot.title");

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.actor) throw redirect("/account");
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (context.actor) throw redirect("/account");
  const form = await parseForm(request, forgotPasswordSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  return formAction(form.values, async () => {
    // The same answer whether the e-mail has an account or not.
    await requestPasswordReset(depsOf(context), form.data);
    return json({ ok: true as const });
  });
}

export default function ForgotPassword() {
  const t = useT();
  const data = useActionData<typeof action>();
  const errors = data && !data.ok ? data.errors : {};
  return (
    <div className="narrow">
      <h1>{t("reset.forgot.title")}</h1>
      {data?.ok ? (
        <p className="notice ok" role="status" data-testid="reset-sent">
          {t("reset.forgot.sent")}
        </p>
      ) : (
        <>
          <p className="muted">{t("reset.forgot.lead")}</p>
          <Form method="post" className="stack" noValidate>
            <FormError error={errors._form} />
            <Field
              name="email"
              label="auth.email"
              type="email"
              autoComplete="username"
              required
              defaultValue={data && !data.ok ? data.values.email : ""}
              error={errors.email}
            />
            <button type="submit" className="primary">
              {t("reset.forgot.submit")}
            </button>
          </Form>
        </>
      )}
      <p className="muted">
        <Link to="/login">{t("auth.signIn.title")}</Link>
      </p>
    </div>
  );
}
