import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { listCategories, listPlaces, listPlantsBasic } from "../../db/catalog.server";
import { getSupplierProfile, placeSeats } from "../../db/supplier-profiles.server";
import { authorize } from "../auth/guard.server";
import { ProfileForm } from "../components/ProfileForm";
import { chinaDay } from "../domain/dates";
import { completeness } from "../domain/supplier-profile";
import { placeCheck } from "../features/maps/geometry.server";
import { profileMapView } from "../features/maps/page-maps.server";
import { getLang } from "../lib/lang.server";
import { depsOf } from "../features/deps.server";
import { profileFromValues, PROFILE_ARRAYS } from "../features/suppliers/profile-form";
import { parseProfileValues } from "../features/suppliers/profile-form.server";
import { saveSupplierProfile } from "../features/suppliers/profile.server";
import { formAction, formValues, readForm, type FormFailure } from "../lib/forms.server";
import { pageTitle, useT, type MessageKey } from "../lib/i18n";

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, "profile.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "supplier.profile.edit", { organizationId: context.actor?.organizationId });
  const [profile, categories, places] = await Promise.all([
    getSupplierProfile(context.db, actor.organizationId),
    listCategories(context.db),
    listPlaces(context.db),
  ]);
  if (!profile) throw new Response("Not Found", { status: 404 });
  const plants = await listPlantsBasic(context.db);
  return json({
    profile,
    categories,
    places,
    completeness: completeness(profile),
    today: chinaDay(new Date()),
    map: profileMapView(await getLang(request), {
      plants,
      categories,
      name: { name_zh: profile.nameZh, name_en: profile.nameEn },
      sites: profile.sites,
    }),
  });
}

type ProfileFailure = FormFailure & { duplicates: { id: string; nameZh: string }[] };

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = authorize(context, request, "supplier.profile.edit", { organizationId: context.actor?.organizationId });
  const form = await readForm(request);
  if (!form)
    return json<ProfileFailure>(
      { ok: false, errors: { _form: "form.invalid" }, values: {}, duplicates: [] },
      { status: 400 },
    );
  // The values go back whole (not echoValues: a product description may exceed 500 characters).
  const values = formValues(form, PROFILE_ARRAYS);
  const seats = await placeSeats(context.db);
  const parsed = parseProfileValues(values, seats, placeCheck(seats));
  if (!parsed.ok)
    return json<ProfileFailure>({ ok: false, errors: parsed.errors, values, duplicates: [] }, { status: 400 });
  // The use case names a certificate's field by its path (certifications.0.validUntil); the form's is cert.0.validUntil.
  const fields = Object.fromEntries(
    parsed.data.certifications.map((_, i) => [`certifications.${i}.validUntil`, `cert.${i}.validUntil`]),
  );
  return formAction(
    values,
    async () => {
      const result = await saveSupplierProfile(depsOf(context), actor, parsed.data);
      if (!result.saved)
        return json<ProfileFailure>({ ok: false, errors: {}, values, duplicates: result.duplicates }, { status: 409 });
      return json({ ok: true as const });
    },
    { fields },
  );
}

export default function ProfilePage() {
  const { profile, categories, places, completeness: c, map, today } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const failed = data && !data.ok ? data : null;
  const errors = failed?.errors ?? {};
  const values = failed && Object.keys(failed.values).length ? profileFromValues(failed.values) : profile;
  const duplicates = failed && "duplicates" in failed ? (failed.duplicates as ProfileFailure["duplicates"]) : [];
  return (
    <div>
      <h1>{t("profile.title")}</h1>
      <div className="completeness" data-testid="completeness">
        <p>
          <strong>{t("profile.completeness", { n: c.percent })}</strong>
          {c.missing.length
            ? ` · ${t("profile.missing")}${c.missing.map((m) => t(`missing.${m}` as MessageKey)).join(t("common.listSeparator"))}`
            : ""}
        </p>
        <div className="meter">
          <span style={{ width: `${c.percent}%` }} />
        </div>
      </div>
      {data?.ok ? (
        <p className="notice ok" role="status" data-testid="profile-saved">
          {t("profile.saved")}
        </p>
      ) : null}
      {errors._form ? (
        <p className="notice error" role="alert">
          {t(errors._form)}
        </p>
      ) : null}
      {failed && Object.keys(errors).length ? (
        <p className="notice error" role="alert">
          {t("form.fixErrors")}
        </p>
      ) : null}
      <ProfileForm
        values={values as Record<string, unknown>}
        errors={errors}
        categories={categories}
        places={places}
        duplicates={duplicates}
        today={today}
        map={map}
      />
    </div>
  );
}
