import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { listMembers } from "../../db/users.server";
import { authorize } from "../auth/guard.server";
import { FormError } from "../components/Field";
import { ROLES_BY_KIND } from "../domain/roles";
import { changeMemberRole, inviteMember, removeMember } from "../features/accounts/members.server";
import { memberActionSchema } from "../features/accounts/schemas";
import { depsOf } from "../features/deps.server";
import { formAction, invalid, parseForm } from "../lib/forms.server";
import { pageTitle, useT, type MessageKey } from "../lib/i18n";
import { EmptyState } from "../components/EmptyState";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "members.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "org.members.read", { organizationId: context.actor?.organizationId });
  const members = await listMembers(context.db, actor.organizationId);
  return json({ members, me: actor.userId, roles: ROLES_BY_KIND[actor.organizationKind] });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = authorize(context, request, "org.members.manage", { organizationId: context.actor?.organizationId });
  const form = await parseForm(request, memberActionSchema);
  if (!form.ok) return invalid(form.errors);
  const deps = depsOf(context);
  const input = form.data;
  // The page shows every refusal above the table: a use case's field becomes the form's.
  const fields = { role: "_form", userId: "_form" };
  return formAction(
    {},
    async () => {
      if (input.intent === "invite") {
        const { token } = await inviteMember(deps, actor, input);
        return json({ ok: true as const, inviteUrl: `${new URL(request.url).origin}/invite/${token}`, removed: null });
      }
      if (input.intent === "changeRole") {
        await changeMemberRole(deps, actor, input);
        return json({ ok: true as const, inviteUrl: null, removed: null });
      }
      const removed = await removeMember(deps, actor, input);
      return json({ ok: true as const, inviteUrl: null, removed });
    },
    { fields },
  );
}

export default function Members() {
  const { members, me, roles } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const errors = (data && !data.ok ? data.errors : {}) as Record<string, MessageKey>;
  return (
    <div>
      <h1>{t("members.title")}</h1>
      <FormError error={errors._form} />
      {data && data.ok && data.removed ? (
        <p className="notice ok" role="status" data-testid="member-removed">
          {t("members.removed", { tokens: data.removed.tokensRevoked, invitations: data.removed.invitationsClosed })}
        </p>
      ) : null}
      <div className="table-scroll">
        <table className="data-table cards">
          <thead>
            <tr>
              <th>{t("auth.displayName")}</th>
              <th>{t("auth.email")}</th>
              <th>{t("members.role")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {members.map((m) =>
              m.deactivated_at ? (
                <tr key={m.id} data-testid="member-row" data-deactivated="true" className="muted">
                  <td data-label={t("auth.displayName")}>{m.display_name}</td>
                  <td data-label={t("auth.email")}>{m.email}</td>
                  <td data-label={t("members.role")}>{t(`role.${m.role}` as MessageKey)}</td>
                  <td>
                    <span className="badge sample">{t("members.deactivated")}</span>
                  </td>
                </tr>
              ) : (
                <tr key={m.id} data-testid="member-row">
                  <td data-label={t("auth.displayName")}>
                    {m.display_name} {m.id === me ? t("members.you") : null}
                  </td>
                  <td data-label={t("auth.email")}>{m.email}</td>
                  <td data-label={t("members.role")}>
                    <Form method="post" className="inline">
                      <input type="hidden" name="intent" value="changeRole" />
                      <input type="hidden" name="userId" value={m.id} />
                      <select name="role" defaultValue={m.role} aria-label={t("members.role")}>
                        {roles.map((r) => (
                          <option key={r} value={r}>
                            {t(`role.${r}` as MessageKey)}
                          </option>
                        ))}
                      </select>{" "}
                      <button type="submit">{t("members.changeRole")}</button>
                    </Form>
                  </td>
                  <td>
                    {m.id === me ? null : (
                      <Form method="post" className="inline">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="userId" value={m.id} />
                        <button type="submit">{t("members.remove")}</button>
                      </Form>
                    )}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
      {members.length <= 1 ? <EmptyState message="empty.members" testId="members-empty" /> : null}
      <h2>{t("members.invite")}</h2>
      <Form method="post" className="inline">
        <input type="hidden" name="intent" value="invite" />
        <select name="role" aria-label={t("members.role")}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}` as MessageKey)}
            </option>
          ))}
        </select>{" "}
        <button type="submit" className="primary">
          {t("members.invite")}
        </button>
      </Form>
      {data && data.ok && data.inviteUrl ? (
        <p className="notice ok" data-testid="invite-url">
          {t("members.inviteLink")} <code>{data.inviteUrl}</code>
        </p>
      ) : null}
    </div>
  );
}
