import { Form } from "@remix-run/react";
import { CERTIFICATION_LABELS } from "../domain/supplier-profile";
import { CERTIFICATION_KINDS } from "../domain/vocabulary";
import { useLang, useT, type MessageKey } from "../lib/i18n";
import { Field } from "./Field";

interface Props {
  plants: { id: string; name_zh: string; name_en: string }[];
  categories: { code: string; parent_code: string | null; level: number; name_zh: string; name_en: string }[];
  values: Record<string, unknown>;
  errors: Record<string, string>;
  submitLabel: MessageKey;
}

const s = (v: unknown) => (v === null || v === undefined ? "" : String(v));

export function DemandForm({ plants, categories, values, errors, submitLabel }: Props) {
  const t = useT();
  const lang = useLang();
  const name = (o: { name_zh: string; name_en: string }) => (lang === "zh" ? o.name_zh : o.name_en);
  const err = (k: string) => errors[k] as MessageKey | undefined;
  const certs = new Set((values.requiredCerts as string[] | undefined) ?? []);
  return (
    <Form method="post" className="stack narrow" noValidate>
      <div className={`field${err("plantId") ? " has-error" : ""}`}>
        <label htmlFor="f-plantId">{t("demand.plant")}</label>
        <select id="f-plantId" name="plantId" defaultValue={s(values.plantId)}>
          {plants.map((p) => <option key={p.id} value={p.id}>{name(p)}</option>)}
        </select>
        {err("plantId") ? <small className="field-error">{t(err("plantId")!)}</small> : null}
      </div>
      <Field name="partName" label="demand.partName" required maxLength={200} defaultValue={s(values.partName)} error={err("partName")} />
      <div className={`field${err("categoryCode") ? " has-error" : ""}`}>
        <label htmlFor="f-categoryCode">{t("demand.category")}</label>
        <select id="f-categoryCode" name="categoryCode" defaultValue={s(values.categoryCode)} data-testid="demand-category">
          {categories.filter((c) => c.level === 1).map((g) => (
            <optgroup key={g.code} label={name(g)}>
              {categories.filter((c) => c.parent_code === g.code).map((c) => <option key={c.code} value={c.code}>{c.code} {name(c)}</option>)}
            </optgroup>
          ))}
        </select>
        {err("categoryCode") ? <small className="field-error">{t(err("categoryCode")!)}</small> : null}
      </div>
      <label><input type="checkbox" name="allowGroup" value="1" defaultChecked={Boolean(values.allowGroup)} /> {t("demand.allowGroup")}</label>
      <div className="field">
        <label htmlFor="f-spec">{t("demand.spec")}</label>
        <textarea id="f-spec" name="spec" rows={4} maxLength={5000} defaultValue={s(values.spec)} />
      </div>
      <div className="row">
        <Field name="annualVolume" label="demand.volume" type="number" min={0} defaultValue={s(values.annualVolume)} error={err("annualVolume")} />
        <Field name="unit" label="demand.unit" maxLength={20} defaultValue={s(values.unit || "件")} error={err("unit")} />
      </div>
      <div className="row">
        <Field name="sopDate" label="demand.sop" type="date" defaultValue={s(values.sopDate)} error={err("sopDate")} />
        <Field name="responseDeadline" label="demand.deadline" type="date" defaultValue={s(values.responseDeadline)} error={err("responseDeadline")} />
        <Field name="radiusKm" label="demand.radius" type="number" min={1} max={500} defaultValue={s(values.radiusKm ?? 100)} error={err("radiusKm")} />
      </div>
      <fieldset>
        <legend>{t("demand.certs")}</legend>
        <div className="checks">
          {CERTIFICATION_KINDS.filter((k) => k !== "other").map((k) => (
            <label key={k}><input type="checkbox" name="requiredCerts" value={k} defaultChecked={certs.has(k)} /> {CERTIFICATION_LABELS[k]}</label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="f-visibility">{t("demand.visibility")}</label>
        <select id="f-visibility" name="visibility" defaultValue={s(values.visibility || "all")}>
          <option value="all">{t("demand.visibility.all")}</option>
          <option value="invited">{t("demand.visibility.invited")}</option>
        </select>
      </div>
      <button type="submit" className="primary" data-testid="demand-submit">{t(submitLabel)}</button>
    </Form>
  );
}
