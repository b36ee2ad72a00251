import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { audit } from "../../db/audit.server";
import { createInvitation } from "../../db/invitations.server";
import { changeMemberRole, listMembers, removeMember } from "../../db/users.server";
import { DomainError } from "../domain/errors";
import { authorize } from "../auth/guard.server";
import { FormError } from "../components/Field";
import { ROLES_BY_KIND } from "../domain/roles";
import { ROLES } from "../domain/vocabulary";
import { invalid, parseForm } from "../lib/forms.server";
import { useT, type MessageKey } from "../lib/i18n";

export const meta: MetaFunction = () => [{ title: "成员管理 · 配套 Peitao" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "org.members.read", { organizationId: context.actor?.organizationId });
  const members = await listMembers(context.db, actor.organizationId);
  return json({ members, me: actor.userId, roles: ROLES_BY_KIND[actor.organizationKind] });
}

const role = z.enum(ROLES);
const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("invite"), role }),
  z.object({ intent: z.literal("changeRole"), userId: z.uuid(), role }),
  z.object({ intent: z.literal("remove"), userId: z.uuid() }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = authorize(context, request, "org.members.manage", { organizationId: context.actor?.organizationId });
  const form = await parseForm(request, schema);
  if (!form.ok) return invalid(form.errors);
  const orgId = actor.organizationId;
  const base = { actorUserId: actor.userId, organizationId: orgId, ip: context.clientIp };
  try {
    const input = form.data;
    if (input.intent === "invite") {
      const { token } = await createInvitation(context.db, orgId, input.role, actor.userId!);
      await audit(context.db, { ...base, action: "member_invited", detail: { role: input.role } });
      return json({ ok: true as const, errors: {}, inviteUrl: `${new URL(request.url).origin}/invite/${token}` });
    }
    if (input.intent === "changeRole") {
      const before = await changeMemberRole(context.db, orgId, input.userId, input.role);
      await audit(context.db, { ...base, action: "role_changed", subjectType: "user", subjectId: input.userId, detail: { from: before, to: input.role } });
    } else {
      await removeMember(context.db, orgId, input.userId);
      await audit(context.db, { ...base, action: "member_removed", subjectType: "user", subjectId: input.userId });
    }
    return json({ ok: true as const, errors: {}, inviteUrl: null });
  } catch (err) {
    if (err instanceof DomainError) return invalid({ _form: `form.${err.code}` as MessageKey });
    throw err;
  }
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
      <table className="data-table">
        <thead>
          <tr><th>{t("auth.displayName")}</th><th>{t("auth.email")}</th><th>{t("members.role")}</th><th /></tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id} data-testid="member-row">
              <td>{m.display_name} {m.id === me ? t("members.you") : null}</td>
              <td>{m.email}</td>
              <td>
                <Form method="post" className="inline">
                  <input type="hidden" name="intent" value="changeRole" />
                  <input type="hidden" name="userId" value={m.id} />
                  <select name="role" defaultValue={m.role} aria-label={t("members.role")}>
                    {roles.map((r) => <option key={r} value={r}>{t(`role.${r}` as MessageKey)}</option>)}
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
          ))}
        </tbody>
      </table>
      <h2>{t("members.invite")}</h2>
      <Form method="post" className="inline">
        <input type="hidden" name="intent" value="invite" />
        <select name="role" aria-label={t("members.role")}>
          {roles.map((r) => <option key={r} value={r}>{t(`role.${r}` as MessageKey)}</option>)}
        </select>{" "}
        <button type="submit" className="primary">{t("members.invite")}</button>
      </Form>
      {data && data.ok && data.inviteUrl ? (
        <p className="notice ok" data-testid="invite-url">{t("members.inviteLink")} <code>{data.inviteUrl}</code></p>
      ) : null}
    </div>
  );
}
