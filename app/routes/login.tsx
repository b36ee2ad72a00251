import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { audit } from "../../db/audit.server";
import { recordSignInAttempt, signInAllowed } from "../../db/throttle.server";
import { findUserByEmail } from "../../db/users.server";
import { verifyAgainstDummy, verifyPassword } from "../auth/password.server";
import { signInSchema } from "../features/accounts/schemas";
import { signInAndRedirect } from "../auth/sign-in.server";
import { Field, FormError } from "../components/Field";
import { invalid, parseForm } from "../lib/forms.server";
import { useT } from "../lib/i18n";

export const meta: MetaFunction = () => [{ title: "登录 · 配套 Peitao" }];

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.actor) throw redirect("/");
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (context.actor) throw redirect("/");
  const form = await parseForm(request, signInSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const { email, password, redirectTo } = form.data;
  const { db, clientIp } = context;

  if (!(await signInAllowed(db, email, clientIp))) {
    return invalid({ _form: "auth.throttled" }, { email });
  }
  const user = await findUserByEmail(db, email);
  const ok = user ? await verifyPassword(user.password_hash, password) : await verifyAgainstDummy(password);
  await recordSignInAttempt(db, email, clientIp, ok);
  if (!user || !ok) {
    await audit(db, { action: "sign_in_failed", actorUserId: user?.id, organizationId: user?.organization_id, detail: { email }, ip: clientIp });
    return invalid({ _form: "auth.badCredentials" }, { email });
  }
  await audit(db, { action: "sign_in", actorUserId: user.id, organizationId: user.organization_id, ip: clientIp });
  return signInAndRedirect(context, request, user.id, redirectTo);
}

export default function Login() {
  const t = useT();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = data && !data.ok ? data.errors : {};
  return (
    <div className="narrow">
      <h1>{t("auth.signIn.title")}</h1>
      <Form method="post" className="stack" noValidate>
        <FormError error={errors._form} />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <Field name="email" label="auth.email" type="email" autoComplete="username" required defaultValue={data && !data.ok ? data.values.email : ""} error={errors.email} />
        <Field name="password" label="auth.password" type="password" autoComplete="current-password" required error={errors.password} />
        <button type="submit" className="primary">{t("auth.submitSignIn")}</button>
      </Form>
      <p className="muted">
        {t("auth.noAccount")} <Link to="/signup">{t("nav.signUp")}</Link>
      </p>
    </div>
  );
}
