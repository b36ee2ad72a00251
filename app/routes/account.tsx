import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { cookieIsSecure, sessionCookie } from "../auth/cookie.server";
import { authorize } from "../auth/guard.server";
import { changePassword } from "../features/accounts/sessions.server";
import { actorOrganization } from "../features/accounts/reads.server";
import { changePasswordSchema } from "../features/accounts/schemas";
import { depsOf } from "../features/deps.server";
import { Field, FormError } from "../components/Field";
import { formAction, invalid, parseForm } from "../lib/forms.server";
import { pageTitle, useT, type MessageKey } from "../lib/i18n";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "nav.account");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "account.read");
  const { name_zh, name_en, kind, verification_status } = await actorOrganization(context.db, actor);
  return json({
    displayName: actor.displayName,
    role: actor.role,
    org: { name_zh, name_en, kind, verification_status },
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = authorize(context, request, "account.password.change");
  const form = await parseForm(request, changePasswordSchema);
  if (!form.ok) return invalid(form.errors);
  return formAction({}, async () => {
    // Every session of the user ends; this browser gets the fresh one.
    const { sessionToken, expiresAt } = await changePassword(
      depsOf(context),
      actor,
      form.data,
      context.sessionLifetime,
    );
    return json(
      { ok: true as const },
      { headers: { "Set-Cookie": sessionCookie(sessionToken, cookieIsSecure(request), { at: expiresAt }) } },
    );
  });
}

export default function Account() {
  const { displayName, role, org } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const errors = (data && !data.ok ? data.errors : {}) as Record<string, MessageKey>;
  return (
    <div className="narrow">
      <h1>{t("nav.account")}</h1>
      <p data-testid="signed-in-as">
        {t("auth.signedInAs", { name: displayName, role: t(`role.${role}` as MessageKey) })}
      </p>
      <p className="muted">
        {org.name_zh}
        {org.name_en ? ` · ${org.name_en}` : ""}
      </p>
      <h2>{t("auth.changePassword")}</h2>
      {data?.ok ? (
        <p className="notice ok" role="status">
          {t("auth.passwordChanged")}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <FormError error={errors._form} />
        <Field
          name="currentPassword"
          label="auth.currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={errors.currentPassword}
        />
        <Field
          name="newPassword"
          label="auth.newPassword"
          type="password"
          autoComplete="new-password"
          hint="auth.passwordHint"
          required
          error={errors.newPassword}
        />
        <button type="submit" className="primary">
          {t("common.save")}
        </button>
      </Form>
    </div>
  );
}
