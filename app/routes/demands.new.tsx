import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { audit } from "../../db/audit.server";
import { listCategories } from "../../db/catalog.server";
import { createDemand } from "../../db/demands.server";
import { DomainError } from "../domain/errors";
import { authorize } from "../auth/guard.server";
import { DemandForm } from "../components/DemandForm";
import { parseDemandForm } from "../features/demands/form.server";
import { useT, type MessageKey } from "../lib/i18n";

export const meta: MetaFunction = () => [{ title: "发布需求 · 配套 Peitao" }];

async function ownPlants(context: Parameters<typeof loader>[0]["context"], oemId: string) {
  return context.db.selectFrom("plants").select(["id", "name_zh", "name_en"]).where("oem_id", "=", oemId).orderBy("code").execute();
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "demand.create");
  return json({ plants: await ownPlants(context, actor.organizationId), categories: await listCategories(context.db) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = authorize(context, request, "demand.create");
  const form = await parseDemandForm(request);
  if (!form.ok) return json({ errors: form.errors, values: form.values }, { status: 400 });
  try {
    const id = await createDemand(context.db, actor.organizationId, actor.userId, form.data);
    await audit(context.db, { action: "demand_posted", actorUserId: actor.userId, organizationId: actor.organizationId, subjectType: "demand", subjectId: id, ip: context.clientIp });
    return redirect(`/demands/${id}`);
  } catch (err) {
    if (err instanceof DomainError) return json({ errors: { [err.field ?? "_form"]: `form.${err.code}` }, values: form.data as Record<string, unknown> }, { status: 400 });
    throw err;
  }
}

export default function NewDemand() {
  const { plants, categories } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const errors = (data?.errors ?? {}) as Record<string, string>;
  return (
    <div>
      <h1>{t("demand.new")}</h1>
      {errors._form ? <p className="notice error" role="alert">{t(errors._form as MessageKey)}</p> : null}
      <DemandForm plants={plants} categories={categories} values={(data?.values ?? {}) as Record<string, unknown>} errors={errors} submitLabel="demand.new" />
    </div>
  );
}
