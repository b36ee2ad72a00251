import { Form } from "@remix-run/react";
import { certificationLabel } from "../features/suppliers/labels";
import { CERTIFICATION_KINDS } from "../domain/vocabulary";
import { localName, useLang, useT, type MessageKey } from "../lib/i18n";
import { Field } from "./Field";

interface Props {
  plants: { code: string; name_zh: string; name_en: string }[];
  categories: { code: string; parent_code: string | null; level: number; name_zh: string; name_en: string }[];
  /** The submitted values put back after a refusal. */
  values: Record<string, string | string[]>;
  errors: Record<string, MessageKey>;
  submitLabel: MessageKey;
}

const s = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));

/** The demand form; its field names are the API's (POST /api/v1/demands). */
export function DemandForm({ plants, categories, values, errors, submitLabel }: Props) {
  const t = useT();
  const lang = useLang();
  const err = (k: string) => errors[k];
  const certs = new Set([values.required_certifications ?? []].flat());
  return (
    <Form method="post" className="stack narrow" noValidate>
      <div className={`field${err("plant") ? " has-error" : ""}`}>
        <label htmlFor="f-plant">{t("demand.plant")}</label>
        <select id="f-plant" name="plant" defaultValue={s(values.plant)}>
          {plants.map((p) => (
            <option key={p.code} value={p.code}>
              {localName(lang, p)}
            </option>
          ))}
        </select>
        {err("plant") ? <small className="field-error">{t(err("plant")!)}</small> : null}
      </div>
      <Field
        name="part_name"
        label="demand.partName"
        required
        maxLength={200}
        defaultValue={s(values.part_name)}
        error={err("part_name")}
      />
      <div className={`field${err("category") ? " has-error" : ""}`}>
        <label htmlFor="f-category">{t("demand.category")}</label>
        <select id="f-category" name="category" defaultValue={s(values.category)} data-testid="demand-category">
          {categories
            .filter((c) => c.level === 1)
            .map((g) => (
              <optgroup key={g.code} label={localName(lang, g)}>
                {categories
                  .filter((c) => c.parent_code === g.code)
                  .map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.code} {localName(lang, c)}
                    </option>
                  ))}
              </optgroup>
            ))}
        </select>
        {err("category") ? <small className="field-error">{t(err("category")!)}</small> : null}
      </div>
      <label>
        <input type="checkbox" name="allow_group" value="1" defaultChecked={Boolean(s(values.allow_group))} />{" "}
        {t("demand.allowGroup")}
      </label>
      <div className="field">
        <label htmlFor="f-spec">{t("demand.spec")}</label>
        <textarea id="f-spec" name="spec" rows={4} maxLength={5000} defaultValue={s(values.spec)} />
      </div>
      <div className="row">
        <Field
          name="annual_volume"
          label="demand.volume"
          type="number"
          min={0}
          defaultValue={s(values.annual_volume)}
          error={err("annual_volume")}
        />
        <Field
          name="unit"
          label="demand.unit"
          maxLength={20}
          defaultValue={s(values.unit) || "件"}
          error={err("unit")}
        />
      </div>
      <div className="row">
        <Field
          name="sop_date"
          label="demand.sop"
          type="date"
          defaultValue={s(values.sop_date)}
          error={err("sop_date")}
        />
        <Field
          name="response_deadline"
          label="demand.deadline"
          type="date"
          defaultValue={s(values.response_deadline)}
          error={err("response_deadline")}
        />
        <Field
          name="radius_km"
          label="demand.radius"
          type="number"
          min={1}
          max={500}
          defaultValue={values.radius_km === undefined ? "100" : s(values.radius_km)}
          error={err("radius_km")}
        />
      </div>
      <fieldset>
        <legend>{t("demand.certs")}</legend>
        <div className="checks">
          {CERTIFICATION_KINDS.filter((k) => k !== "other").map((k) => (
            <label key={k}>
              <input type="checkbox" name="required_certifications" value={k} defaultChecked={certs.has(k)} />{" "}
              {certificationLabel(t, k)}
            </label>
          ))}
        </div>
        {err("required_certifications") ? (
          <small className="field-error">{t(err("required_certifications")!)}</small>
        ) : null}
      </fieldset>
      <div className="field">
        <label htmlFor="f-visibility">{t("demand.visibility")}</label>
        <select id="f-visibility" name="visibility" defaultValue={s(values.visibility) || "all"}>
          <option value="all">{t("demand.visibility.all")}</option>
          <option value="invited">{t("demand.visibility.invited")}</option>
        </select>
      </div>
      <button type="submit" className="primary" data-testid="demand-submit">
        {t(submitLabel)}
      </button>
    </Form>
  );
}
