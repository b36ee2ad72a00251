import { isExpired } from "../domain/certificates";
import { Form } from "@remix-run/react";
import { useState } from "react";
import { SupplierMap, type MapSource } from "./SupplierMap";
import type { LatLng } from "../domain/geo";
import { certificationLabel, precisionLabel, siteStatusLabel } from "../features/suppliers/labels";
import { groupByProvince, isCityLevel } from "../domain/places";
import { CERTIFICATION_KINDS, SITE_PRECISIONS, SITE_STATUSES } from "../domain/vocabulary";
import { localName, useLang, useT, type MessageKey } from "../lib/i18n";
import { Field } from "./Field";

type Values = Record<string, unknown> & {
  sites?: {
    id?: string;
    label?: string;
    adcode?: number | string;
    lat?: number | string;
    lng?: number | string;
    address?: string;
    precision?: string;
    precisionKm?: number | string | null;
    status?: string;
  }[];
  certifications?: { kind?: string; name?: string; validUntil?: string | null }[];
  categories?: string[];
};

interface Props {
  values: Values;
  errors: Record<string, string>;
  categories: { code: string; parent_code: string | null; level: number; name_zh: string; name_en: string }[];
  places: { adcode: number; name_zh: string; name_en: string; level: string; parent_adcode: number | null }[];
  duplicates?: { id: string; nameZh: string }[];
  /** The map to place sites on (a loader's map view). */
  map?: MapSource;
  /** China's day (YYYY-MM-DD) from the loader: a certificate ended before it is marked expired. */
  today?: string;
}

const s = (v: unknown) => (v === null || v === undefined ? "" : Array.isArray(v) ? v.join("，") : String(v));

/** The supplier's profile form: plain fields, works without JavaScript. */
export function ProfileForm({ values, errors, categories, places, duplicates, map, today }: Props) {
  const [target, setTarget] = useState(0);
  // The point last placed on the map, shown as a marker at once.
  const [picked, setPicked] = useState<{ site: number; point: LatLng } | null>(null);
  const t = useT();
  const lang = useLang();
  const err = (k: string) => errors[k] as MessageKey | undefined;
  const name = (o: { name_zh: string; name_en: string }) => localName(lang, o);
  const sites = [...(values.sites ?? []), {}];
  const certs = [...(values.certifications ?? []), {}, {}];
  const chosen = new Set(values.categories ?? []);
  // Counties and prefectures (a site known only at that level) by province, Jilin's first:
  // a neighbour's county is never taken for Jilin's.
  const provinces = groupByProvince(places.filter((p) => p.level !== "province"));
  const placeName = new Map(places.map((p) => [p.adcode, name(p)]));

  return (
    <Form method="post" className="stack" noValidate>
      {duplicates?.length ? (
        <div className="notice warn" data-testid="duplicate-warning">
          <p>{t("profile.duplicates")}</p>
          <ul>
            {duplicates.map((d) => (
              <li key={d.id}>{d.nameZh}</li>
            ))}
          </ul>
          <label>
            <input type="checkbox" name="confirmDuplicate" value="1" /> {t("profile.confirmDuplicate")}
          </label>
        </div>
      ) : null}
      <fieldset>
        <legend>{t("profile.names")}</legend>
        <div className="row">
          <Field
            name="nameZh"
            label="auth.orgNameZh"
            defaultValue={s(values.nameZh)}
            error={err("nameZh")}
            maxLength={200}
            required
          />
          <Field
            name="nameEn"
            label="auth.orgNameEn"
            defaultValue={s(values.nameEn)}
            error={err("nameEn")}
            maxLength={200}
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>{t("profile.categories")}</legend>
        {err("categories") ? (
          <p className="field-error" role="alert">
            {t(err("categories")!)}
          </p>
        ) : null}
        {categories
          .filter((c) => c.level === 1)
          .map((g) => (
            <details key={g.code} open={categories.some((c) => c.parent_code === g.code && chosen.has(c.code))}>
              <summary>
                {g.code} {name(g)}
              </summary>
              <div className="checks">
                {categories
                  .filter((c) => c.parent_code === g.code)
                  .map((c) => (
                    <label key={c.code}>
                      <input type="checkbox" name="categories" value={c.code} defaultChecked={chosen.has(c.code)} />{" "}
                      {c.code} {name(c)}
                    </label>
                  ))}
              </div>
            </details>
          ))}
      </fieldset>
      <fieldset>
        <legend>{t("profile.products")}</legend>
        <Field
          name="productsZh"
          label="profile.productsZh"
          defaultValue={s(values.productsZh)}
          error={err("productsZh")}
          maxLength={2000}
        />
        <Field
          name="productsEn"
          label="profile.productsEn"
          defaultValue={s(values.productsEn)}
          error={err("productsEn")}
          maxLength={2000}
        />
        <Field name="processes" label="profile.processes" defaultValue={s(values.processes)} error={err("processes")} />
        <div className="row">
          <Field
            name="annualCapacity"
            label="profile.capacity"
            defaultValue={s(values.annualCapacity)}
            error={err("annualCapacity")}
            maxLength={200}
          />
          <Field
            name="employees"
            label="profile.employees"
            type="number"
            min={0}
            defaultValue={s(values.employees)}
            error={err("employees")}
          />
        </div>
        <label>
          <input type="checkbox" name="nevCapable" value="1" defaultChecked={Boolean(values.nevCapable)} />{" "}
          {t("profile.nev")}
        </label>
        <Field name="customers" label="profile.customers" defaultValue={s(values.customers)} error={err("customers")} />
      </fieldset>
      <fieldset>
        <legend>{t("profile.certifications")}</legend>
        {certs.map((c, i) => (
          <div className="row" key={i}>
            <div className="field">
              <label htmlFor={`cert-${i}-kind`}>{t("profile.certKind")}</label>
              <select id={`cert-${i}-kind`} name={`cert.${i}.kind`} defaultValue={c.kind ?? ""}>
                <option value="">—</option>
                {CERTIFICATION_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {certificationLabel(t, k)}
                  </option>
                ))}
              </select>
            </div>
            <Field
              name={`cert.${i}.name`}
              label="profile.certName"
              defaultValue={s(c.name)}
              error={err(`cert.${i}.name`)}
            />
            <Field
              name={`cert.${i}.validUntil`}
              label="profile.validUntil"
              type="date"
              defaultValue={s(c.validUntil)}
              error={err(`cert.${i}.validUntil`)}
            />
            {today && c.kind && isExpired(c.validUntil, today) ? (
              <p className="cert-expired-note">
                <span className="badge cert-expired-badge" data-testid="cert-expired">
                  {t("cert.expired")}
                </span>{" "}
                <span className="muted">{t("cert.expiredOn", { date: c.validUntil ?? "" })}</span>
              </p>
            ) : null}
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t("profile.contact")}</legend>
        <div className="row">
          <Field
            name="contactName"
            label="profile.contactName"
            defaultValue={s(values.contactName)}
            error={err("contactName")}
            maxLength={100}
          />
          <Field
            name="contactPhone"
            label="profile.contactPhone"
            defaultValue={s(values.contactPhone)}
            error={err("contactPhone")}
            maxLength={50}
          />
          <Field
            name="contactEmail"
            label="profile.contactEmail"
            type="email"
            defaultValue={s(values.contactEmail)}
            error={err("contactEmail")}
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>{t("profile.sites")}</legend>
        <p className="muted">{t("profile.sitesHint")}</p>
        {map ? (
          <div className="pick-map">
            <label>
              {t("profile.mapSets")}{" "}
              <select value={target} onChange={(e) => setTarget(Number(e.target.value))} data-testid="map-target">
                {sites.map((_, i) => (
                  <option key={i} value={i}>
                    #{i + 1}
                  </option>
                ))}
              </select>
            </label>
            <SupplierMap
              view={map}
              marker={picked?.point ?? null}
              label={t("profile.mapSets")}
              onPick={(p) => {
                const set = (name: string, value: string) => {
                  const el = document.querySelector<HTMLInputElement | HTMLSelectElement>(
                    `[name="site.${target}.${name}"]`,
                  );
                  if (el) el.value = value;
                };
                set("lat", p.lat.toFixed(6));
                set("lng", p.lng.toFixed(6));
                set("datum", "wgs84");
                // A clicked point is exact unless the supplier says otherwise.
                set("precision", "exact");
                set("precisionKm", "");
                setPicked({ site: target, point: p });
              }}
            />
            {picked ? (
              <p className="muted" role="status" data-testid="map-picked">
                {t("map.picked", {
                  n: picked.site + 1,
                  lat: picked.point.lat.toFixed(5),
                  lng: picked.point.lng.toFixed(5),
                })}
              </p>
            ) : null}
            <p className="muted map-hint">{t("map.hint")}</p>
          </div>
        ) : null}
        {err("sites") ? (
          <p className="field-error" role="alert">
            {t(err("sites")!)}
          </p>
        ) : null}
        {sites.map((site, i) => (
          <div className="row site-row" key={i} data-testid={`site-${i}`}>
            {i === sites.length - 1 ? (
              <p className="muted" style={{ flexBasis: "100%", margin: 0 }}>
                {t("profile.newSite")}
              </p>
            ) : null}
            {site.id ? <input type="hidden" name={`site.${i}.id`} value={site.id} /> : null}
            <Field
              name={`site.${i}.label`}
              label="profile.siteLabel"
              defaultValue={s(site.label)}
              error={err(`site.${i}.label`)}
            />
            <div className={`field${err(`site.${i}.adcode`) ? " has-error" : ""}`}>
              <label htmlFor={`site-${i}-adcode`}>{t("profile.county")}</label>
              <select id={`site-${i}-adcode`} name={`site.${i}.adcode`} defaultValue={s(site.adcode)}>
                <option value="">—</option>
                {provinces.map((g) => (
                  <optgroup key={g.province} label={placeName.get(g.province) ?? String(g.province)}>
                    {g.places.map((p) => (
                      <option key={p.adcode} value={p.adcode}>
                        {isCityLevel(p.level)
                          ? `${name(p)} ${t("profile.prefectureLevel")}`
                          : `${placeName.get(p.parent_adcode ?? 0) ?? ""} · ${name(p)}`}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
              {err(`site.${i}.adcode`) ? <small className="field-error">{t(err(`site.${i}.adcode`)!)}</small> : null}
            </div>
            <Field
              name={`site.${i}.lat`}
              label="profile.lat"
              inputMode="decimal"
              defaultValue={s(site.lat)}
              error={err(`site.${i}.lat`)}
            />
            <Field
              name={`site.${i}.lng`}
              label="profile.lng"
              inputMode="decimal"
              defaultValue={s(site.lng)}
              error={err(`site.${i}.lng`)}
            />
            {err(`site.${i}.lat`) === "map.outsideCounty" ? (
              <label className="confirm-outside" data-testid={`site-${i}-outside-ok`}>
                <input type="checkbox" name={`site.${i}.outsideOk`} value="1" /> {t("map.confirmOutside")}
              </label>
            ) : null}
            <div className="field">
              <label htmlFor={`site-${i}-datum`}>{t("profile.datum")}</label>
              <select id={`site-${i}-datum`} name={`site.${i}.datum`} defaultValue="wgs84">
                <option value="wgs84">{t("profile.datumWgs84")}</option>
                <option value="gcj02">{t("profile.datumGcj02")}</option>
              </select>
            </div>
            <Field
              name={`site.${i}.address`}
              label="profile.address"
              defaultValue={s(site.address)}
              error={err(`site.${i}.address`)}
            />
            <div className={`field${err(`site.${i}.precision`) ? " has-error" : ""}`}>
              <label htmlFor={`site-${i}-precision`}>{t("profile.precision")}</label>
              <select
                id={`site-${i}-precision`}
                name={`site.${i}.precision`}
                defaultValue={s(site.precision)}
                data-testid={`site-${i}-precision`}
              >
                <option value="">—</option>
                {SITE_PRECISIONS.map((p) => (
                  <option key={p} value={p}>
                    {precisionLabel(t, p)}
                  </option>
                ))}
              </select>
              {err(`site.${i}.precision`) ? (
                <small className="field-error">{t(err(`site.${i}.precision`)!)}</small>
              ) : null}
            </div>
            <Field
              name={`site.${i}.precisionKm`}
              label="profile.precisionKm"
              inputMode="decimal"
              defaultValue={s(site.precisionKm)}
              error={err(`site.${i}.precisionKm`)}
              style={{ width: "6em" }}
            />
            <div className={`field${err(`site.${i}.status`) ? " has-error" : ""}`}>
              <label htmlFor={`site-${i}-status`}>{t("profile.siteStatus")}</label>
              <select
                id={`site-${i}-status`}
                name={`site.${i}.status`}
                defaultValue={s(site.status) || "operating"}
                data-testid={`site-${i}-status`}
              >
                {SITE_STATUSES.map((v) => (
                  <option key={v} value={v}>
                    {siteStatusLabel(t, v)}
                  </option>
                ))}
              </select>
              {err(`site.${i}.status`) ? <small className="field-error">{t(err(`site.${i}.status`)!)}</small> : null}
            </div>
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t("profile.sources")}</legend>
        <div className={`field${err("sourceUrls") ? " has-error" : ""}`}>
          <label htmlFor="f-sourceUrls">{t("profile.sourcesHint")}</label>
          <textarea
            id="f-sourceUrls"
            name="sourceUrls"
            rows={3}
            defaultValue={Array.isArray(values.sourceUrls) ? values.sourceUrls.join("\n") : s(values.sourceUrls)}
            aria-invalid={err("sourceUrls") ? true : undefined}
          />
          {err("sourceUrls") ? (
            <small className="field-error" role="alert">
              {t(err("sourceUrls")!)}
            </small>
          ) : null}
        </div>
      </fieldset>
      <button type="submit" className="primary" data-testid="profile-save">
        {t("common.save")}
      </button>
    </Form>
  );
}
