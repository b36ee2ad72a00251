import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { cookieIsSecure, sessionCookie } from "../auth/cookie.server";
import { authorize } from "../auth/guard.server";
import { changePassword } from "../features/accounts/sessions.server";
import { actorOrganization } from "../features/accounts/reads.server";
import { changePasswordSchema, mailPreferencesSchema } from "../features/accounts/schemas";
import { readMailPreferences, saveMailPreferences } from "../features/accounts/mail-preferences.server";
import { depsOf } from "../features/deps.server";
import { Field, FormError } from "../components/Field";
import { formAction, invalid, parseForm } from "../lib/forms.server";
import { LANGS, pageTitle, useT, type MessageKey } from "../lib/i18n";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "nav.account");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "account.read");
  const [{ name_zh, name_en, kind, verification_status }, mail] = await Promise.all([
    actorOrganization(context.db, actor),
    readMailPreferences(depsOf(context), actor),
  ]);
  return json({
    displayName: actor.displayName,
    role: actor.role,
    org: { name_zh, name_en, kind, verification_status },
    mail,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  // Two forms: the e-mail preferences (?form=mail) and the password.
  const url = new URL(request.url);
  if (url.searchParams.get("form") === "mail") {
    const actor = authorize(context, request, "account.notifications.change");
    const form = await parseForm(request, mailPreferencesSchema, { arrays: ["email"] });
    if (!form.ok) return invalid(form.errors);
    await saveMailPreferences(depsOf(context), actor, form.data);
    return json({ ok: true as const, saved: "mail" as const });
  }
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
      { ok: true as const, saved: "password" as const },
      { headers: { "Set-Cookie": sessionCookie(sessionToken, cookieIsSecure(request), { at: expiresAt }) } },
    );
  });
}

export default function Account() {
  const { displayName, role, org, mail } = useLoaderData<typeof loader>();
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
      {data?.ok && data.saved === "password" ? (
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
      {mail ? (
        <section className="mail-prefs" aria-labelledby="mail-prefs">
          <h2 id="mail-prefs">{t("mailPrefs.title")}</h2>
          {data?.ok && data.saved === "mail" ? (
            <p className="notice ok" role="status" data-testid="mail-prefs-saved">
              {t("mailPrefs.saved")}
            </p>
          ) : null}
          <p className="muted">{t("mailPrefs.lead", { email: mail.address })}</p>
          <Form method="post" action="?form=mail" className="stack" data-testid="mail-prefs">
            <fieldset>
              <legend>{t("mailPrefs.title")}</legend>
              {mail.kinds.map((k) => (
                <label key={k.kind} className="inline-check">
                  <input type="checkbox" name="email" value={k.kind} defaultChecked={k.email} />{" "}
                  {t(`mailPrefs.kind.${k.kind}`)}
                </label>
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor="f-mail-language">{t("mailPrefs.language")}</label>
              <select id="f-mail-language" name="language" defaultValue={mail.language ?? "zh"}>
                {LANGS.map((l) => (
                  <option key={l} value={l}>
                    {t(`lang.${l}`)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">{t("mailPrefs.save")}</button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
