import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { listCategories, listPlaces, listPlantsBasic } from "../../db/catalog.server";
import { findNearDuplicates } from "../../db/supplier-profiles.server";
import { authorize } from "../auth/guard.server";
import { FormError } from "../components/Field";
import { CertificateList } from "../components/CertificateList";
import { SupplierMap } from "../components/SupplierMap";
import { haversineKm, roundKm } from "../domain/geo";
import { placeTrail } from "../domain/places";
import { can } from "../domain/policy";
import { supplierMapView } from "../features/maps/page-maps.server";
import { getLang } from "../lib/lang.server";
import { depsOf } from "../features/deps.server";
import { isWebUrl } from "../domain/supplier-profile";
import { precisionLabel, precisionText, siteStatusLabel } from "../features/suppliers/labels";
import { supplierDetail, supplierPageProfile } from "../features/suppliers/read.server";
import { verificationInput } from "../features/suppliers/schemas";
import { decideVerification } from "../features/suppliers/verification.server";
import { formAction, invalid, parseForm } from "../lib/forms.server";
import { localName, pageTitle, useLang, useT, type Lang, type MessageKey } from "../lib/i18n";
import { withExpiry } from "../domain/certificates";
import { chinaDay } from "../domain/dates";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const lang = (matches.find((m) => m.id === "root")?.data as { lang?: Lang } | undefined)?.lang ?? "zh";
  const profile = data?.profile;
  return pageTitle(matches, "suppliers.detail", {
    subject: profile ? localName(lang, { name_zh: profile.nameZh, name_en: profile.nameEn }) : null,
  });
};

const idSchema = z.uuid();

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const id = idSchema.safeParse(params.id);
  if (!id.success) throw new Response("Not Found", { status: 404 });
  const detail = await supplierDetail(depsOf(context), context.actor, id.data);
  if (!detail) throw new Response("Not Found", { status: 404 });
  const { profile, showPrivate, completeness } = detail;
  const canVerify = can(context.actor, "supplier.verify");
  const [categories, places, plants] = await Promise.all([
    listCategories(context.db),
    listPlaces(context.db),
    listPlantsBasic(context.db),
  ]);
  const nearest = plants
    .map((p) => ({
      code: p.code,
      name_zh: p.name_zh,
      name_en: p.name_en,
      km: roundKm(Math.min(...profile.sites.map((s) => haversineKm(s, p)))),
    }))
    .sort((a, b) => a.km - b.km)
    .slice(0, 5);
  return json({
    profile: supplierPageProfile(profile, { canVerify }),
    // Whether each certificate has expired, on China's day: an expired one is never shown as valid.
    certificates: withExpiry(profile.certifications, chinaDay(new Date())),
    showPrivate,
    canVerify,
    duplicates: canVerify
      ? await findNearDuplicates(
          context.db,
          profile.nameZh,
          profile.sites.map((s) => s.adcode),
          profile.id,
        )
      : [],
    completeness,
    categories,
    places,
    nearest,
    map: supplierMapView(await getLang(request), {
      plants,
      categories,
      supplier: profile,
      sites: profile.sites,
    }),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = authorize(context, request, "supplier.verify");
  const id = idSchema.safeParse(params.id);
  if (!id.success) throw new Response("Not Found", { status: 404 });
  const form = await parseForm(request, verificationInput);
  if (!form.ok) return invalid(form.errors, form.values);
  return formAction(form.values, async () => {
    await decideVerification(depsOf(context), actor, { supplierId: id.data, ...form.data });
    return json({ ok: true as const });
  });
}

export default function SupplierDetail() {
  const {
    profile,
    certificates,
    showPrivate,
    canVerify,
    duplicates,
    completeness: c,
    categories,
    places,
    nearest,
    map,
  } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  const name = (o: { name_zh: string; name_en: string | null }) => localName(lang, o);
  const catName = new Map(categories.map((x) => [x.code, name(x)]));
  const byCode = new Map(places.map((p) => [p.adcode, p]));
  const placeName = (adcode: number) =>
    placeTrail(byCode, adcode)
      .map((p) => name(p))
      .join(" · ");
  const errors = (data && !data.ok ? data.errors : {}) as Record<string, MessageKey>;
  return (
    <div>
      <h1 data-testid="supplier-name">{localName(lang, { name_zh: profile.nameZh, name_en: profile.nameEn })}</h1>
      <p>
        {profile.isSample ? <span className="badge sample">{t("common.sample")}</span> : null}{" "}
        <span className={`badge ${profile.verificationStatus}`} data-testid="verification-status">
          {t(`common.${profile.verificationStatus}` as MessageKey)}
        </span>{" "}
        <span className="muted">
          {t("profile.lastUpdate")}: {chinaDay(profile.updatedAt)}
        </span>
        {profile.verificationStatus === "rejected" && profile.verificationReason ? (
          <span className="muted"> · {profile.verificationReason}</span>
        ) : null}
      </p>
      <div className="profile-grid">
        <div>
          <dl className="facts">
            <dt>{t("auth.orgNameEn")}</dt>
            <dd>{profile.nameEn || "—"}</dd>
            <dt>{t("auth.uscc")}</dt>
            <dd>{profile.uscc ?? "—"}</dd>
            {canVerify && profile.externalId ? (
              <>
                <dt>{t("profile.externalId")}</dt>
                <dd data-testid="external-id">{profile.externalId}</dd>
              </>
            ) : null}
            <dt>{t("profile.categories")}</dt>
            <dd>
              {profile.categories.map((code) => `${code} ${catName.get(code) ?? ""}`).join(t("common.listSeparator"))}
            </dd>
            <dt>{t("profile.products")}</dt>
            <dd>{localName(lang, { name_zh: profile.productsZh, name_en: profile.productsEn })}</dd>
            <dt>{t("profile.processes")}</dt>
            <dd>{profile.processes.join(t("common.listSeparator")) || "—"}</dd>
            <dt>{t("profile.certifications")}</dt>
            <dd>
              <CertificateList certs={certificates} />
            </dd>
            <dt>{t("profile.employees")}</dt>
            <dd>{profile.employees ?? "—"}</dd>
            <dt>{t("profile.nev")}</dt>
            <dd>{profile.nevCapable ? "✓" : "—"}</dd>
            {showPrivate ? (
              <>
                <dt>{t("profile.capacity")}</dt>
                <dd>{profile.annualCapacity || "—"}</dd>
                <dt>{t("profile.customers")}</dt>
                <dd data-testid="customers">{profile.customers.join(t("common.listSeparator")) || "—"}</dd>
                <dt>{t("profile.contact")}</dt>
                <dd data-testid="contact">
                  {[profile.contactName, profile.contactPhone, profile.contactEmail].filter(Boolean).join(" · ") || "—"}
                </dd>
              </>
            ) : null}
          </dl>
          {!showPrivate ? <p className="muted">{t("profile.privateHidden")}</p> : null}
          <h2>{t("profile.sites")}</h2>
          <ul data-testid="sites">
            {profile.sites.map((s) => (
              <li key={s.id ?? `${s.lat},${s.lng}`} data-testid="site">
                {s.label || "—"} · {placeName(s.adcode)} · {s.address} ({s.lat.toFixed(4)}, {s.lng.toFixed(4)}){" "}
                <span className={`badge site-${s.status}`} data-testid="site-status" data-status={s.status}>
                  {siteStatusLabel(t, s.status)}
                </span>{" "}
                <span className="muted" data-testid="site-precision" data-precision={s.precision}>
                  {precisionText(t, s) || precisionLabel(t, s.precision)}
                </span>
              </li>
            ))}
          </ul>
          {profile.sourceUrls.length ? (
            <>
              <h2>{t("profile.sources")}</h2>
              <ul className="sources" data-testid="sources">
                {profile.sourceUrls.filter(isWebUrl).map((u) => (
                  <li key={u}>
                    <a href={u} rel="noopener noreferrer nofollow" target="_blank">
                      {u}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <h2>{t("plants.title")}</h2>
          <ul>
            {nearest.map((p) => (
              <li key={p.code}>
                {name(p)}: {t("common.km", { n: p.km })}
              </li>
            ))}
          </ul>
        </div>
        <div>
          <SupplierMap view={map} label={t("dir.mapLabel")} />
          {canVerify ? (
            <section className="verify">
              <h2>{t("profile.verify")}</h2>
              <p className="muted">{t("profile.completeness", { n: c.percent })}</p>
              {duplicates.length ? (
                <div className="notice warn">
                  <p>{t("profile.duplicates")}</p>
                  <ul>
                    {duplicates.map((d) => (
                      <li key={d.id}>{d.nameZh}</li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {data?.ok ? (
                <p className="notice ok" role="status">
                  {t("profile.decisionSaved")}
                </p>
              ) : null}
              <FormError error={errors._form} />
              <Form method="post" className="stack">
                <label className="field">
                  <span>{t("profile.verifyReason")}</span>
                  <input name="reason" maxLength={1000} aria-invalid={errors.reason ? true : undefined} />
                  {errors.reason ? <small className="field-error">{t(errors.reason)}</small> : null}
                </label>
                <div className="row">
                  <button type="submit" name="decision" value="verified" className="primary" data-testid="verify">
                    {t("profile.approve")}
                  </button>
                  <button type="submit" name="decision" value="rejected" data-testid="reject">
                    {t("profile.reject")}
                  </button>
                </div>
              </Form>
            </section>
          ) : null}
        </div>
      </div>
    </div>
  );
}
