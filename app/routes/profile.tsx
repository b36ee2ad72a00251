import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { listCategories, listPlaces, listPlantsBasic } from "../../db/catalog.server";
import { baseLayer } from "../features/dashboard/base-map.server";
import { findNearDuplicates, getSupplierProfile, saveSupplierProfile } from "../../db/supplier-profiles.server";
import { DomainError } from "../domain/errors";
import { authorize } from "../auth/guard.server";
import { ProfileForm } from "../components/ProfileForm";
import { completeness } from "../domain/supplier-profile";
import { useT, type MessageKey } from "../lib/i18n";
import { parseProfileForm } from "../features/suppliers/profile-form.server";

export const meta: MetaFunction = () => [{ title: "企业档案 · 配套 Peitao" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "supplier.profile.edit", { organizationId: context.actor?.organizationId });
  const [profile, categories, places] = await Promise.all([
    getSupplierProfile(context.db, actor.organizationId),
    listCategories(context.db),
    listPlaces(context.db),
  ]);
  if (!profile) throw new Response("Not Found", { status: 404 });
  const plants = (await listPlantsBasic(context.db)).map((p) => ({ code: p.code, name: p.name_zh, lat: p.lat, lng: p.lng }));
  return json({ profile, categories, places, completeness: completeness(profile), map: { base: baseLayer().prefectures, plants, tileUrl: context.publicConfig.mapTileUrl } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = authorize(context, request, "supplier.profile.edit", { organizationId: context.actor?.organizationId });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return json({ ok: false as const, errors: { _form: "form.invalid" }, values: null, duplicates: [] }, { status: 400 });
  }
  const places = await listPlaces(context.db);
  const parsed = parseProfileForm(form, new Map(places.map((p) => [p.adcode, { lat: p.lat, lng: p.lng }])));
  if (!parsed.ok) return json({ ok: false as const, errors: parsed.errors, values: parsed.raw, duplicates: [] }, { status: 400 });
  const profile = parsed.data;
  if (form.get("confirmDuplicate") !== "1") {
    const duplicates = await findNearDuplicates(context.db, profile.nameZh, profile.sites.map((s) => s.adcode), actor.organizationId);
    if (duplicates.length) return json({ ok: false as const, errors: {}, values: parsed.raw, duplicates }, { status: 409 });
  }
  try {
    await saveSupplierProfile(context.db, actor.organizationId, profile);
  } catch (err) {
    if (err instanceof DomainError) {
      return json({ ok: false as const, errors: { [err.field ?? "_form"]: `form.${err.code}` }, values: parsed.raw, duplicates: [] }, { status: 400 });
    }
    throw err;
  }
  return json({ ok: true as const, errors: {}, values: null, duplicates: [] });
}

export default function ProfilePage() {
  const { profile, categories, places, completeness: c, map } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const errors = (data && !data.ok ? data.errors : {}) as Record<string, string>;
  const values = (data && !data.ok && data.values ? data.values : profile) as Record<string, unknown>;
  return (
    <div>
      <h1>{t("profile.title")}</h1>
      <div className="completeness" data-testid="completeness">
        <p>
          <strong>{t("profile.completeness", { n: c.percent })}</strong>
          {c.missing.length ? ` · ${t("profile.missing")}${c.missing.map((m) => t(`missing.${m}` as MessageKey)).join("、")}` : ""}
        </p>
        <div className="meter"><span style={{ width: `${c.percent}%` }} /></div>
      </div>
      {data?.ok ? <p className="notice ok" role="status" data-testid="profile-saved">{t("profile.saved")}</p> : null}
      {errors._form ? <p className="notice error" role="alert">{t(errors._form as MessageKey)}</p> : null}
      {data && !data.ok && Object.keys(errors).length ? <p className="notice error" role="alert">{t("form.fixErrors")}</p> : null}
      <ProfileForm values={values} errors={errors} categories={categories} places={places} duplicates={data && !data.ok ? (data.duplicates as { id: string; nameZh: string }[]) : []} map={map} />
    </div>
  );
}
