import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { authorize } from "../auth/guard.server";
import { DemandForm } from "../components/DemandForm";
import { postDemand } from "../features/demands/demands.server";
import { demandFormOptions } from "../features/demands/reads.server";
import { DEMAND_FORM_ARRAYS, demandForm } from "../features/demands/schemas";
import { depsOf } from "../features/deps.server";
import { formAction, invalid, parseForm } from "../lib/forms.server";
import { pageTitle, useT } from "../lib/i18n";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "demand.new");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "demand.create");
  return json(await demandFormOptions(context.db, actor));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = authorize(context, request, "demand.create");
  const form = await parseForm(request, demandForm, { arrays: DEMAND_FORM_ARRAYS });
  if (!form.ok) return invalid(form.errors, form.values);
  return formAction(form.values, async () => {
    const { id } = await postDemand(depsOf(context), actor, form.data);
    return redirect(`/demands/${id}`);
  });
}

export default function NewDemand() {
  const { plants, categories } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const failure = data && !data.ok ? data : undefined;
  return (
    <div>
      <h1>{t("demand.new")}</h1>
      {failure?.errors._form ? (
        <p className="notice error" role="alert">
          {t(failure.errors._form)}
        </p>
      ) : null}
      <DemandForm
        plants={plants}
        categories={categories}
        values={failure?.values ?? {}}
        errors={failure?.errors ?? {}}
        submitLabel="demand.new"
      />
    </div>
  );
}
