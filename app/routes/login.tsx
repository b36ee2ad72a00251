import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { depsOf } from "../features/deps.server";
import { signIn, type SignInRefusal } from "../features/accounts/sessions.server";
import { signInSchema } from "../features/accounts/schemas";
import { signInAndRedirect } from "../auth/sign-in.server";
import { Field, FormError } from "../components/Field";
import { invalid, parseForm } from "../lib/forms.server";
import { pageTitle, useT, type MessageKey } from "../lib/i18n";

const REFUSALS: Record<SignInRefusal, MessageKey> = {
  throttled: "auth.throttled",
  throttled_account: "auth.throttledAccount",
  bad_credentials: "auth.badCredentials",
  deactivated: "auth.deactivated",
};

/** A throttled sign-in says when to try again (the action's Retry-After reaches the page's response). */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "auth.signIn.title");

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.actor) throw redirect("/");
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (context.actor) throw redirect("/");
  const form = await parseForm(request, signInSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const { email, redirectTo } = form.data;
  const result = await signIn(depsOf(context), form.data);
  if (!result.ok) {
    const retryAfter = result.retryAt ? Math.max(1, Math.ceil((result.retryAt.getTime() - Date.now()) / 1000)) : 0;
    return invalid(
      { _form: REFUSALS[result.refusal] },
      { email },
      retryAfter ? { status: 429, headers: { "Retry-After": String(retryAfter) } } : { status: 400 },
    );
  }
  return signInAndRedirect(context, request, result.userId, redirectTo);
}

export default function Login() {
  const t = useT();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = data && !data.ok ? data.errors : {};
  return (
    <div className="narrow">
      <h1>{t("auth.signIn.title")}</h1>
      {params.get("reset") === "1" && !data ? (
        <p className="notice ok" role="status" data-testid="reset-notice">
          {t("reset.done")}
        </p>
      ) : null}
      {params.get("registered") === "1" && !data ? (
        <p className="notice ok" role="status" data-testid="registered-notice">
          {t("auth.registered")}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <FormError error={errors._form} />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <Field
          name="email"
          label="auth.email"
          type="email"
          autoComplete="username"
          required
          defaultValue={data && !data.ok ? data.values.email : ""}
          error={errors.email}
        />
        <Field
          name="password"
          label="auth.password"
          type="password"
          autoComplete="current-password"
          required
          error={errors.password}
        />
        <button type="submit" className="primary">
          {t("auth.submitSignIn")}
        </button>
      </Form>
      <p className="forgot-password">
        <Link to="/forgot-password" data-testid="forgot-password">
          {t("reset.forgotLink")}
        </Link>
      </p>
      <p className="muted">
        {t("auth.noAccount")} <Link to="/signup">{t("nav.signUp")}</Link>
      </p>
    </div>
  );
}
