import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "../lib/i18n";

/** The instruments' scope form: year, OEM (officials), plant when the page takes one, and extra fields. */
export function PolicyFilters(props: {
  year: number | null;
  official: boolean;
  oem: string;
  oems: { id: string; name: string }[];
  plant?: string;
  plants?: { code: string; name: string }[];
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <Form method="get" className="filters policy-filters">
      <label>
        {t("policy.year")}
        <input
          type="number"
          name="year"
          defaultValue={props.year ?? ""}
          min={2000}
          max={2100}
          style={{ width: "6em" }}
        />
      </label>
      {props.official ? (
        <label>
          {t("policy.oem")}
          <select name="oem" defaultValue={props.oem}>
            <option value="">{t("policy.allOems")}</option>
            {props.oems.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {props.plants ? (
        <label>
          {t("policy.plant")}
          <select name="plant" defaultValue={props.plant ?? ""}>
            <option value="">{t("policy.allPlants")}</option>
            {props.plants.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {props.children}
      <button type="submit" className="primary">
        {t("policy.show")}
      </button>
    </Form>
  );
}
