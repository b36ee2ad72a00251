import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { listApiTokens } from "../../db/api-tokens.server";
import { authorize } from "../auth/guard.server";
import { createApiToken, revokeApiToken } from "../features/accounts/tokens.server";
import { tokenActionSchema } from "../features/accounts/schemas";
import { depsOf } from "../features/deps.server";
import { Field, FormError } from "../components/Field";
import { formAction, invalid, parseForm } from "../lib/forms.server";
import { pageTitle, useLang, useT, type MessageKey } from "../lib/i18n";
import { formatDateTime } from "../domain/format";
import { EmptyState } from "../components/EmptyState";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "tokens.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "org.tokens.manage", { organizationId: context.actor?.organizationId });
  return json({ tokens: await listApiTokens(context.db, actor.organizationId) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = authorize(context, request, "org.tokens.manage", { organizationId: context.actor?.organizationId });
  const form = await parseForm(request, tokenActionSchema);
  if (!form.ok) return invalid(form.errors, form.values);
  const deps = depsOf(context);
  const input = form.data;
  return formAction(form.values, async () => {
    if (input.intent === "create") {
      const created = await createApiToken(deps, actor, input);
      return json({ ok: true as const, token: created.token });
    }
    await revokeApiToken(deps, actor, input);
    return json({ ok: true as const, token: null });
  });
}

export default function Tokens() {
  const { tokens } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  const errors = (data && !data.ok ? data.errors : {}) as Record<string, MessageKey>;
  return (
    <div>
      <h1>{t("tokens.title")}</h1>
      <p className="muted">{t("tokens.lead")}</p>
      <FormError error={errors._form} />
      {data && data.ok && data.token ? (
        <p className="notice ok" data-testid="new-token">
          {t("tokens.shownOnce")} <code>{data.token}</code>
        </p>
      ) : null}
      <Form method="post" className="inline stack-sm" noValidate>
        <input type="hidden" name="intent" value="create" />
        <Field name="name" label="tokens.name" required maxLength={100} error={errors.name} />
        <button type="submit" className="primary">
          {t("tokens.create")}
        </button>
      </Form>
      {tokens.length === 0 ? <EmptyState message="empty.tokens" testId="tokens-empty" /> : null}
      <div className="table-scroll" hidden={tokens.length === 0}>
        <table className="data-table cards">
          <thead>
            <tr>
              <th>{t("common.name")}</th>
              <th>{t("tokens.hint")}</th>
              <th>{t("common.created")}</th>
              <th>{t("tokens.lastUsed")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.map((tk) => (
              <tr key={tk.id}>
                <td data-label={t("common.name")}>{tk.name}</td>
                <td data-label={t("tokens.hint")}>
                  <code>{tk.hint}</code>
                </td>
                <td data-label={t("common.created")}>{formatDateTime(lang, tk.created_at)}</td>
                <td data-label={t("tokens.lastUsed")}>
                  {tk.last_used_at ? formatDateTime(lang, tk.last_used_at) : t("tokens.never")}
                </td>
                <td>
                  {tk.revoked_at ? (
                    t("tokens.revoked")
                  ) : (
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
    </div>
  );
}
