import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { audit } from "../../db/audit.server";
import { createSession, invalidateUserSessions } from "../../db/sessions.server";
import { passwordHashOf, setPassword } from "../../db/users.server";
import { cookieIsSecure, sessionCookie } from "../auth/cookie.server";
import { authorize } from "../auth/guard.server";
import { verifyPassword } from "../auth/password.server";
import { changePasswordSchema } from "../features/accounts/schemas";
import { Field, FormError } from "../components/Field";
import { invalid, parseForm } from "../lib/forms.server";
import { useT, type MessageKey } from "../lib/i18n";

export const meta: MetaFunction = () => [{ title: "我的账号 · 配套 Peitao" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "account.read");
  const org = await context.db.selectFrom("organizations").select(["name_zh", "name_en", "kind", "verification_status"]).where("id", "=", actor.organizationId).executeTakeFirstOrThrow();
  return json({ displayName: actor.displayName, role: actor.role, org });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = authorize(context, request, "account.password.change");
  const form = await parseForm(request, changePasswordSchema);
  if (!form.ok) return invalid(form.errors);
  const hash = await passwordHashOf(context.db, actor.userId!);
  if (!hash || !(await verifyPassword(hash, form.data.currentPassword))) return invalid({ currentPassword: "form.wrongPassword" });
  await setPassword(context.db, actor.userId!, form.data.newPassword);
  // Every session of the user ends; this browser gets a fresh one.
  await invalidateUserSessions(context.db, actor.userId!);
  const { token } = await createSession(context.db, actor.userId!);
  await audit(context.db, { action: "password_changed", actorUserId: actor.userId, organizationId: actor.organizationId, ip: context.clientIp });
  return json({ ok: true as const, errors: {} }, { headers: { "Set-Cookie": sessionCookie(token, cookieIsSecure(request)) } });
}

export default function Account() {
  const { displayName, role, org } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const errors = (data && !data.ok ? data.errors : {}) as Record<string, MessageKey>;
  return (
    <div className="narrow">
      <h1>{t("nav.account")}</h1>
      <p data-testid="signed-in-as">{t("auth.signedInAs", { name: displayName, role: t(`role.${role}` as MessageKey) })}</p>
      <p className="muted">{org.name_zh}{org.name_en ? ` · ${org.name_en}` : ""}</p>
      <h2>{t("auth.changePassword")}</h2>
      {data?.ok ? <p className="notice ok" role="status">{t("auth.passwordChanged")}</p> : null}
      <Form method="post" className="stack" noValidate>
        <FormError error={errors._form} />
        <Field name="currentPassword" label="auth.currentPassword" type="password" autoComplete="current-password" required error={errors.currentPassword} />
        <Field name="newPassword" label="auth.newPassword" type="password" autoComplete="new-password" hint="auth.passwordHint" required error={errors.newPassword} />
        <button type="submit" className="primary">{t("common.save")}</button>
      </Form>
    </div>
  );
}
