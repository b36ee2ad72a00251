import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { findOpenInvitation } from "../../db/invitations.server";
import { acceptInvitation } from "../features/accounts/sign-up.server";
import { acceptInvitationSchema } from "../features/accounts/schemas";
import { depsOf } from "../features/deps.server";
import { Field, FormError } from "../components/Field";
import { formAction, invalid, parseForm } from "../lib/forms.server";
import { localName, pageTitle, useLang, useT, type MessageKey } from "../lib/i18n";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "auth.invite.pageTitle");

export async function loader({ params, context }: LoaderFunctionArgs) {
  const invitation = await findOpenInvitation(context.db, params.token ?? "");
  if (!invitation) return json({ invitation: null }, { status: 404 });
  return json({ invitation: { role: invitation.role, nameZh: invitation.name_zh, nameEn: invitation.name_en } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await parseForm(request, acceptInvitationSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  return formAction(form.values, async () => {
    // The same answer whether the e-mail was registered or not (its owner is notified).
    await acceptInvitation(depsOf(context), params.token ?? "", form.data);
    return redirect("/login?registered=1");
  });
}

export default function AcceptInvitation() {
  const { invitation } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  if (!invitation) return <p className="notice warn">{t("auth.invite.invalid")}</p>;
  const errors = data && !data.ok ? data.errors : {};
  const values = data && !data.ok ? data.values : {};
  return (
    <div className="narrow">
      <h1>
        {t("auth.invite.title", { org: localName(lang, { name_zh: invitation.nameZh, name_en: invitation.nameEn }) })}
      </h1>
      <p className="muted">{t(`role.${invitation.role}` as MessageKey)}</p>
      <Form method="post" className="stack" noValidate>
        <FormError error={errors._form} />
        <Field
          name="displayName"
          label="auth.displayName"
          required
          defaultValue={values.displayName}
          error={errors.displayName}
        />
        <Field name="email" label="auth.email" type="email" required defaultValue={values.email} error={errors.email} />
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
          {t("auth.invite.submit")}
        </button>
      </Form>
    </div>
  );
}
