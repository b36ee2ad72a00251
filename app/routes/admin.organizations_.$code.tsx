import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import type { z } from "zod";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { authorize } from "../auth/guard.server";
import { Field, FormError } from "../components/Field";
import { depsOf } from "../features/deps.server";
import { assignOemAdmin, inviteOemAdmin, updateOem } from "../features/organizations/oems.server";
import { addPlant, retirePlant, updatePlant } from "../features/organizations/plants.server";
import { oemPage } from "../features/organizations/reads.server";
import {
  addPlantSchema,
  assignOemAdminSchema,
  inviteOemAdminSchema,
  OEM_PAGE_INTENTS,
  retirePlantSchema,
  updateOemSchema,
  updatePlantSchema,
  type OemPageIntent,
} from "../features/organizations/schemas";
import { formAction, formValues, invalid, parseValues, readForm, type FormValues } from "../lib/forms.server";
import { localName, pageTitle, useLang, useT, type Lang, type MessageKey } from "../lib/i18n";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "admin.title", { subject: data ? `${data.oem.name_zh} (${data.oem.code})` : null });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  authorize(context, request, "admin.organizations.manage");
  const page = await oemPage(context.db, params.code ?? "");
  if (!page) throw new Response("Not Found", { status: 404 });
  return json({ ...page, created: new URL(request.url).searchParams.has("created") });
}

/** What a successful form tells the page (which notice to show). */
interface Done {
  code?: string;
  moved?: boolean;
  closedDemands?: number;
  email?: string;
  inviteUrl?: string;
}

const isIntent = (v: unknown): v is OemPageIntent => typeof v === "string" && Object.hasOwn(OEM_PAGE_INTENTS, v);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = authorize(context, request, "admin.organizations.manage");
  const form = await readForm(request);
  const values: FormValues = form ? formValues(form) : {};
  const intent = values.intent;
  if (!isIntent(intent)) return invalid({ _form: "form.invalid" });
  const deps = depsOf(context);
  const ok = { ok: true as const, intent, nonce: Date.now() };
  /** Parse with the intent's schema, run its use case; the OEM is the page's (from the address). */
  const run = async <S extends z.ZodType>(schema: S, useCase: (input: z.output<S>) => Promise<Done>) => {
    const parsed = parseValues({ ...values, oem: params.code ?? "" }, schema);
    if (!parsed.ok) return invalid(parsed.errors, values);
    // Refusals about the page's OEM or the plant row belong to the whole form.
    return formAction(values, async () => json<typeof ok & Done>({ ...ok, ...(await useCase(parsed.data)) }), {
      fields: { oem: "_form", plant: "_form" },
    });
  };
  switch (intent) {
    case "update":
      return run(updateOemSchema, async (input) => {
        await updateOem(deps, actor, input);
        return {};
      });
    case "addPlant":
      return run(addPlantSchema, async (input) => {
        await addPlant(deps, actor, input);
        return { code: input.code };
      });
    case "updatePlant":
      return run(updatePlantSchema, async (input) => {
        const { moved } = await updatePlant(deps, actor, input);
        return { code: input.plant, moved };
      });
    case "retirePlant":
      return run(retirePlantSchema, async (input) => {
        const { closedDemands } = await retirePlant(deps, actor, input);
        return { code: input.plant, closedDemands };
      });
    case "assignAdmin":
      return run(assignOemAdminSchema, async (input) => {
        await assignOemAdmin(deps, actor, input);
        return { email: input.email };
      });
    case "inviteAdmin":
      return run(inviteOemAdminSchema, async (input) => {
        const { token } = await inviteOemAdmin(deps, actor, input);
        return { inviteUrl: `${new URL(request.url).origin}/invite/${token}` };
      });
  }
}

type Place = { adcode: number; name_zh: string; name_en: string; level: string; parent_adcode: number | null };

function placeLabel(lang: Lang, p: Place, byCode: Map<number, Place>): string {
  const parent = p.parent_adcode ? byCode.get(p.parent_adcode) : undefined;
  const own = localName(lang, p);
  return parent && parent.level !== "province" ? `${localName(lang, parent)} · ${own}` : own;
}

/** A plant's names and location fields, with ids unique on the page (`prefix`). */
function PlantFields({
  prefix,
  places,
  values,
  errors,
}: {
  prefix: string;
  places: Place[];
  values: Record<string, string>;
  errors: Record<string, MessageKey>;
}) {
  const t = useT();
  const lang = useLang();
  const byCode = new Map(places.map((p) => [p.adcode, p]));
  const input = (name: string, label: MessageKey, extra: { hint?: MessageKey; inputMode?: "decimal" } = {}) => {
    const id = `${prefix}-${name}`;
    const error = errors[name];
    return (
      <div className={`field${error ? " has-error" : ""}`}>
        <label htmlFor={id}>{t(label)}</label>
        <input
          id={id}
          name={name}
          defaultValue={values[name] ?? ""}
          inputMode={extra.inputMode}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : extra.hint ? `${id}-hint` : undefined}
        />
        {extra.hint && !error ? (
          <small id={`${id}-hint`} className="muted">
            {t(extra.hint)}
          </small>
        ) : null}
        {error ? (
          <small id={`${id}-error`} className="field-error" role="alert">
            {t(error)}
          </small>
        ) : null}
      </div>
    );
  };
  return (
    <>
      <div className="row">
        {input("nameZh", "admin.plants.nameZh")}
        {input("nameEn", "admin.plants.nameEn")}
      </div>
      <div className="row">
        <div className={`field${errors.adcode ? " has-error" : ""}`}>
          <label htmlFor={`${prefix}-adcode`}>{t("admin.plants.county")}</label>
          <select id={`${prefix}-adcode`} name="adcode" defaultValue={values.adcode ?? ""}>
            <option value="">—</option>
            {places.map((p) => (
              <option key={p.adcode} value={p.adcode}>
                {placeLabel(lang, p, byCode)}
              </option>
            ))}
          </select>
          {errors.adcode ? (
            <small className="field-error" role="alert">
              {t(errors.adcode)}
            </small>
          ) : null}
        </div>
        {input("precisionKm", "admin.plants.precision", { inputMode: "decimal", hint: "admin.plants.precisionHint" })}
      </div>
      <div className="row">
        {input("lat", "admin.plants.lat", { inputMode: "decimal" })}
        {input("lng", "admin.plants.lng", { inputMode: "decimal" })}
        <div className="field">
          <label htmlFor={`${prefix}-datum`}>{t("admin.plants.datum")}</label>
          <select id={`${prefix}-datum`} name="datum" defaultValue={values.datum ?? "wgs84"}>
            <option value="wgs84">{t("profile.datumWgs84")}</option>
            <option value="gcj02">{t("profile.datumGcj02")}</option>
          </select>
        </div>
      </div>
      <p className="muted">{t("admin.plants.datumHint")}</p>
    </>
  );
}

export default function AdminOem() {
  const { oem, plants, members, differences, places, created } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  const failed = data && !data.ok ? data : null;
  const failedIntent = failed ? (failed.values as Record<string, string>).intent : undefined;
  const errorsOf = (intent: OemPageIntent, plant?: string) =>
    failed && failedIntent === intent && (!plant || (failed.values as Record<string, string>).plant === plant)
      ? (failed.errors as Record<string, MessageKey>)
      : {};
  const valuesOf = (intent: OemPageIntent) =>
    failed && failedIntent === intent ? (failed.values as Record<string, string>) : undefined;
  const done = data && data.ok ? data : null;
  const byCode = new Map(places.map((p) => [p.adcode, p]));

  const notice = (() => {
    if (!done) return created ? t("admin.oems.created", { code: oem.code }) : null;
    switch (done.intent) {
      case "update":
        return t("admin.oem.saved");
      case "addPlant":
        return t("admin.plants.added", { code: done.code ?? "" });
      case "updatePlant":
        return t(done.moved ? "admin.plants.moved" : "admin.plants.saved", { code: done.code ?? "" });
      case "retirePlant":
        return t("admin.plants.retiredNotice", { code: done.code ?? "", n: done.closedDemands ?? 0 });
      case "assignAdmin":
        return t("admin.admins.created", { email: done.email ?? "" });
      default:
        return null;
    }
  })();

  const details = valuesOf("update") ?? { nameZh: oem.name_zh, nameEn: oem.name_en ?? "", uscc: oem.uscc ?? "" };
  const detailErrors = errorsOf("update");
  const addErrors = errorsOf("addPlant");
  const adminErrors = errorsOf("assignAdmin");
  const adminValues = valuesOf("assignAdmin") ?? {};

  return (
    <div>
      <p>
        <Link to="/admin/organizations">{t("admin.oem.back")}</Link>
      </p>
      <h1>
        {localName(lang, oem)} <code>{oem.code}</code>
      </h1>
      {notice ? (
        <p className="notice ok" role="status" data-testid="admin-notice">
          {notice}
        </p>
      ) : null}
      {differences.length > 0 ? (
        <p className="notice warn">
          {t("admin.oems.differences", { n: differences.length })}{" "}
          <Link to="/admin/reference">{t("admin.oems.review")}</Link>
        </p>
      ) : null}

      <h2>{t("admin.oem.details")}</h2>
      <Form method="post" className="stack narrow" noValidate key={`update-${done?.nonce ?? 0}`} data-testid="oem-form">
        <input type="hidden" name="intent" value="update" />
        <FormError error={detailErrors._form} />
        <Field
          name="nameZh"
          label="auth.orgNameZh"
          required
          defaultValue={details.nameZh}
          error={detailErrors.nameZh}
        />
        <Field name="nameEn" label="auth.orgNameEn" defaultValue={details.nameEn} error={detailErrors.nameEn} />
        <Field name="uscc" label="admin.oems.usccOptional" defaultValue={details.uscc} error={detailErrors.uscc} />
        <div>
          <button type="submit">{t("common.save")}</button>
        </div>
      </Form>

      <h2>{t("admin.plants.title")}</h2>
      {plants.length === 0 ? <p className="muted">{t("admin.plants.none")}</p> : null}
      {plants.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table wide" data-testid="plant-table">
            <thead>
              <tr>
                <th>{t("admin.plants.code")}</th>
                <th>{t("plants.plant")}</th>
                <th>{t("plants.location")}</th>
                <th className="num">{t("plants.precision")}</th>
                <th>{t("admin.plants.status")}</th>
              </tr>
            </thead>
            <tbody>
              {plants.map((p) => {
                const place = p.adcode ? byCode.get(p.adcode) : undefined;
                return (
                  <tr key={p.code} data-testid={`plant-${p.code}`} className={p.retired ? "muted" : undefined}>
                    <td>
                      <code>{p.code}</code>
                    </td>
                    <td>{localName(lang, p)}</td>
                    <td>
                      {place ? placeLabel(lang, place, byCode) : ""} ({p.lat.toFixed(5)}, {p.lng.toFixed(5)})
                    </td>
                    <td className="num">± {t("common.km", { n: p.precision_km ?? "?" })}</td>
                    <td>{p.retired ? t("admin.plants.retired") : t("admin.plants.active")}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {plants
        .filter((p) => !p.retired)
        .map((p) => {
          const errors = errorsOf("updatePlant", p.code);
          const retireErrors = errorsOf("retirePlant", p.code);
          const open = Object.keys(errors).length > 0 || Object.keys(retireErrors).length > 0;
          const values = (
            failed && failedIntent === "updatePlant" && Object.keys(errors).length
              ? failed.values
              : {
                  nameZh: p.name_zh,
                  nameEn: p.name_en,
                  adcode: String(p.adcode ?? ""),
                  lat: String(p.lat),
                  lng: String(p.lng),
                  datum: "wgs84",
                  precisionKm: String(p.precision_km ?? ""),
                }
          ) as Record<string, string>;
          return (
            <details key={`${p.code}-${done?.nonce ?? 0}`} open={open} data-testid={`edit-${p.code}`}>
              <summary>
                {t("admin.plants.edit")} · <code>{p.code}</code> {localName(lang, p)}
              </summary>
              <Form method="post" className="stack medium" noValidate>
                <input type="hidden" name="intent" value="updatePlant" />
                <input type="hidden" name="plant" value={p.code} />
                <FormError error={errors._form} />
                <PlantFields prefix={`plant-${p.code}`} places={places} values={values} errors={errors} />
                <div>
                  <button type="submit" className="primary">
                    {t("admin.plants.save")}
                  </button>
                </div>
              </Form>
              <Form method="post" className="stack" noValidate>
                <input type="hidden" name="intent" value="retirePlant" />
                <input type="hidden" name="plant" value={p.code} />
                <FormError error={retireErrors._form} />
                <p className="muted">{t("admin.plants.retireHint")}</p>
                <div>
                  <button type="submit" data-testid={`retire-${p.code}`}>
                    {t("admin.plants.retire")}
                  </button>
                </div>
              </Form>
            </details>
          );
        })}

      <h3>{t("admin.plants.add")}</h3>
      <Form
        method="post"
        className="stack medium"
        noValidate
        key={`add-${done?.nonce ?? 0}`}
        data-testid="add-plant-form"
      >
        <input type="hidden" name="intent" value="addPlant" />
        <FormError error={addErrors._form} />
        <Field
          name="code"
          label="admin.plants.code"
          hint="admin.plants.codeHint"
          autoCapitalize="characters"
          defaultValue={valuesOf("addPlant")?.code}
          error={addErrors.code}
        />
        <PlantFields
          prefix="add"
          places={places}
          values={valuesOf("addPlant") ?? { datum: "wgs84" }}
          errors={addErrors}
        />
        <div>
          <button type="submit" className="primary">
            {t("admin.plants.add")}
          </button>
        </div>
      </Form>

      <h2>{t("admin.admins.title")}</h2>
      {members.length === 0 ? (
        <p className="muted">{t("admin.admins.none")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="member-table">
            <thead>
              <tr>
                <th>{t("auth.displayName")}</th>
                <th>{t("auth.email")}</th>
                <th>{t("members.role")}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.email}>
                  <td>{m.display_name}</td>
                  <td>{m.email}</td>
                  <td>
                    {t(`role.${m.role}` as MessageKey)}
                    {m.deactivated ? (
                      <>
                        {" "}
                        <span className="badge sample">{t("members.deactivated")}</span>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>{t("admin.admins.create")}</h3>
      <Form method="post" className="stack narrow" noValidate key={`admin-${done?.nonce ?? 0}`}>
        <input type="hidden" name="intent" value="assignAdmin" />
        <FormError error={adminErrors._form} />
        <Field name="name" label="auth.displayName" required defaultValue={adminValues.name} error={adminErrors.name} />
        <Field
          name="email"
          label="auth.email"
          type="email"
          required
          defaultValue={adminValues.email}
          error={adminErrors.email}
        />
        <Field
          name="password"
          label="auth.password"
          type="password"
          required
          autoComplete="new-password"
          hint="auth.passwordHint"
          error={adminErrors.password}
        />
        <p className="muted">{t("admin.admins.createHint")}</p>
        <div>
          <button type="submit" className="primary">
            {t("admin.admins.create")}
          </button>
        </div>
      </Form>
      <h3>{t("admin.admins.invite")}</h3>
      <p className="muted">{t("admin.admins.inviteHint")}</p>
      <Form method="post" className="inline">
        <input type="hidden" name="intent" value="inviteAdmin" />
        <button type="submit">{t("admin.admins.inviteButton")}</button>
      </Form>
      {done && done.intent === "inviteAdmin" && done.inviteUrl ? (
        <p className="notice ok" data-testid="invite-url">
          {t("admin.admins.inviteLink")} <code>{done.inviteUrl}</code>
        </p>
      ) : null}
    </div>
  );
}
