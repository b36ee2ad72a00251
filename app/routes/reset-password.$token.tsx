import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { resetLinkState, resetPassword } from "../features/accounts/password-reset.server";
import { resetPasswordSchema } from "../features/accounts/schemas";
import { depsOf } from "../features/deps.server";
import { Field, FormError } from "../components/Field";
import { formAction, invalid, parseForm } from "../lib/forms.server";
import { pageTitle, useT, type MessageKey } from "../lib/i18n";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "reset.title");

const STATE_MESSAGES: Record<"expired" | "used" | "unknown", MessageKey> = {
  expired: "reset.expired",
  used: "reset.used",
  unknown: "reset.unknown",
};

export async function loader({ params, context }: LoaderFunctionArgs) {
  const link = await resetLinkState(depsOf(context), params.token ?? "");
  if (link.state !== "open") return json({ state: link.state, email: null }, { status: 410 });
  return json({ state: link.state, email: link.email ?? null });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await parseForm(request, resetPasswordSchema);
  if (!form.ok) return invalid(form.errors);
  return formAction({}, async () => {
    await resetPassword(depsOf(context), params.token ?? "", form.data);
    return redirect("/login?reset=1");
  });
}

export default function ResetPassword() {
  const { state, email } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  if (state !== "open")
    return (
      <div className="narrow">
        <h1>{t("reset.title")}</h1>
        <p className="notice warn" data-testid="reset-link-state" data-state={state}>
          {t(STATE_MESSAGES[state])}
        </p>
        <p>
          <Link to="/forgot-password">{t("reset.askAgain")}</Link>
        </p>
      </div>
    );
  const errors = (data && !data.ok ? data.errors : {}) as Record<string, MessageKey>;
  return (
    <div className="narrow">
      <h1>{t("reset.title")}</h1>
      {email ? <p className="muted">{t("reset.for", { email })}</p> : null}
      <Form method="post" className="stack" noValidate>
        <FormError error={errors._form} />
        <Field
          name="password"
          label="auth.newPassword"
          type="password"
          autoComplete="new-password"
          hint="auth.passwordHint"
          required
          error={errors.password}
        />
        <button type="submit" className="primary">
          {t("reset.submit")}
        </button>
      </Form>
      {errors._form ? (
        <p>
          <Link to="/forgot-password">{t("reset.askAgain")}</Link>
        </p>
      ) : null}
    </div>
  );
}
