import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { createApiToken, listApiTokens, revokeApiToken } from "../../db/api-tokens.server";
import { audit } from "../../db/audit.server";
import { authorize } from "../auth/guard.server";
import { nameField } from "../features/accounts/schemas";
import { Field, FormError } from "../components/Field";
import { invalid, parseForm } from "../lib/forms.server";
import { useT, type MessageKey } from "../lib/i18n";

export const meta: MetaFunction = () => [{ title: "API 令牌 · 配套 Peitao" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "org.tokens.manage", { organizationId: context.actor?.organizationId });
  return json({ tokens: await listApiTokens(context.db, actor.organizationId) });
}

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), name: nameField(100) }),
  z.object({ intent: z.literal("revoke"), tokenId: z.uuid() }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = authorize(context, request, "org.tokens.manage", { organizationId: context.actor?.organizationId });
  const form = await parseForm(request, schema);
  if (!form.ok) return invalid(form.errors, form.values);
  const base = { actorUserId: actor.userId, organizationId: actor.organizationId, ip: context.clientIp };
  if (form.data.intent === "create") {
    const created = await createApiToken(context.db, actor.organizationId, form.data.name, actor.userId);
    await audit(context.db, { ...base, action: "api_token_created", subjectType: "api_token", subjectId: created.id, detail: { name: form.data.name } });
    return json({ ok: true as const, errors: {}, token: created.token });
  }
  if (!(await revokeApiToken(context.db, actor.organizationId, form.data.tokenId))) return invalid({ _form: "form.invalid" });
  await audit(context.db, { ...base, action: "api_token_revoked", subjectType: "api_token", subjectId: form.data.tokenId });
  return json({ ok: true as const, errors: {}, token: null });
}

export default function Tokens() {
  const { tokens } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const errors = (data && !data.ok ? data.errors : {}) as Record<string, MessageKey>;
  return (
    <div>
      <h1>{t("tokens.title")}</h1>
      <p className="muted">{t("tokens.lead")}</p>
      <FormError error={errors._form} />
      {data && data.ok && data.token ? (
        <p className="notice ok" data-testid="new-token">{t("tokens.shownOnce")} <code>{data.token}</code></p>
      ) : null}
      <Form method="post" className="inline stack-sm" noValidate>
        <input type="hidden" name="intent" value="create" />
        <Field name="name" label="tokens.name" required maxLength={100} error={errors.name} />
        <button type="submit" className="primary">{t("tokens.create")}</button>
      </Form>
      <table className="data-table">
        <thead>
          <tr><th>{t("common.name")}</th><th>Token</th><th>{t("common.created")}</th><th>{t("tokens.lastUsed")}</th><th /></tr>
        </thead>
        <tbody>
          {tokens.map((tk) => (
            <tr key={tk.id}>
              <td>{tk.name}</td>
              <td><code>{tk.hint}</code></td>
              <td>{new Date(tk.created_at).toLocaleString()}</td>
              <td>{tk.last_used_at ? new Date(tk.last_used_at).toLocaleString() : t("tokens.never")}</td>
              <td>
                {tk.revoked_at ? t("tokens.revoked") : (
                  <Form method="post" className="inline">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="tokenId" value={tk.id} />
                    <button type="submit">{t("tokens.revoke")}</button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
