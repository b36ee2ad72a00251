import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { EmptyState } from "../components/EmptyState";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { authorize, requireActor } from "../auth/guard.server";
import { Field, FormError } from "../components/Field";
import { allowedActions } from "../domain/match-state";
import { formatCount, formatFen, parseYuanToFen } from "../domain/money";
import { formatRate } from "../domain/rates";
import type { MatchState } from "../domain/vocabulary";
import { demandPage, type RankedRow } from "../features/demands/demand-page.server";
import { AwardConfirmation, NominationForm, OwnMatch } from "../components/MatchPanels";
import { readableDemand } from "../features/demands/reads.server";
import { depsOf } from "../features/deps.server";
import { certificationLabel, precisionText, siteStatusLabel } from "../features/suppliers/labels";
import { parseDemandIntent, rowButtonValues, runDemandIntent } from "../features/matching/demand-intents.server";
import { formAction, formValues, invalid, readForm } from "../lib/forms.server";
import { localName, pageTitle, useLang, useT, type MessageKey } from "../lib/i18n";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "demand.title", { subject: data?.demand.part_name });

/** The demand, when the actor may read it: 404 otherwise, whether it exists or not. */
async function load(context: LoaderFunctionArgs["context"], request: Request, id: string | undefined) {
  const actor = requireActor(context, request);
  const demand = await readableDemand(context.db, actor, id);
  if (!demand) throw new Response("Not Found", { status: 404 });
  return { demand, actor };
}

const uuidOrNull = (v: string | null) => (v && /^[0-9a-f-]{36}$/i.test(v) ? v : null);

const RANKING_FIRST = 20;
const RANKING_MORE = 100;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { demand, actor } = await load(context, request, params.id);
  const url = new URL(request.url);
  // The 20 nearest first; "show more" lists up to 100.
  const more = url.searchParams.get("more") === "1";
  const limit = more ? RANKING_MORE : RANKING_FIRST;
  const page = await demandPage(depsOf(context), actor, demand, {
    limit,
    minInside: context.thresholds.minInside,
    whatIfFen: parseYuanToFen(url.searchParams.get("whatif") ?? ""),
    // The buyer clicked 定点 on a supplier: the confirmation of what will be posted.
    awardSupplierId: uuidOrNull(url.searchParams.get("award")),
  });
  return json({ ...page, more, limit });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { demand, actor } = await load(context, request, params.id);
  const side = actor.organizationKind === "supplier" ? "supplier" : "buyer";
  if (side === "supplier") authorize(context, request, "match.respond", { organizationId: actor.organizationId });
  else authorize(context, request, "demand.manage", { organizationId: demand.oem_id });
  const form = await readForm(request);
  if (!form) return invalid({ _form: "form.invalid" });
  const intent = parseDemandIntent(side, rowButtonValues(formValues(form)));
  if (!intent.ok) return invalid(intent.errors, intent.values);
  return formAction(
    intent.values,
    async () => {
      await runDemandIntent(depsOf(context), actor, demand, intent.data);
      // A confirmed award leaves the confirmation view for the demand with its new state.
      if (intent.data.intent === "confirm") return redirect(`/demands/${demand.id}#matches`);
      return json({ ok: true as const });
    },
    // A supplier that is not one (a forged row button) is the whole form's error.
    { fields: { supplier_id: "_form" } },
  );
}

/**
 * The buyer's buttons for one supplier. They submit the table's one form (see
 * `RankingForm`), carrying "intent:supplierId": a Remix <Form> per row cost a route
 * resolution each, twice per row, on a page that lists up to 100 suppliers.
 */
function MatchButtons({ supplierId, state }: { supplierId: string; state: MatchState | null }) {
  const t = useT();
  const actions = allowedActions(state, "buyer").filter((a) => a !== "confirm");
  return (
    <span className="inline">
      {actions.map((a) => (
        <button
          type="submit"
          form="match-actions"
          name="act"
          value={`${a}:${supplierId}`}
          key={a}
          data-testid={`${a}-${supplierId}`}
        >
          {t(`match.${a}` as MessageKey)}
        </button>
      ))}
    </span>
  );
}

export default function DemandPage() {
  const { demand, buyer, supplier, official, more, limit } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  const errors: Partial<Record<string, MessageKey>> = data && !data.ok ? data.errors : {};
  const matchState = new Map((buyer?.matches ?? []).map((m) => [m.supplier_id, m.state]));
  const nominated = new Set((buyer?.matches ?? []).filter((m) => m.origin === "supplier").map((m) => m.supplier_id));
  const row = (h: RankedRow) => (
    <tr key={h.supplier_id} data-testid="ranked-row" className={h.inside_circle ? undefined : "outside"}>
      <td>
        <a href={`/suppliers/${h.supplier_id}`}>{localName(lang, h)}</a>{" "}
        {nominated.has(h.supplier_id) ? <SelfNominatedBadge /> : null}{" "}
        {h.is_sample ? <span className="badge sample">{t("common.sample")}</span> : null}{" "}
        {h.site_status !== "operating" ? (
          <span className={`badge site-${h.site_status}`} data-testid="ranked-status" data-status={h.site_status}>
            {siteStatusLabel(t, h.site_status)}
          </span>
        ) : null}
      </td>
      <td className="num" data-testid="ranked-distance">
        {t("common.km", { n: h.distance_km })}
        {h.location_precision !== "exact" ? (
          <small className="muted precision" data-testid="ranked-precision">
            {precisionText(t, { precision: h.location_precision, precisionKm: h.precision_km })}
          </small>
        ) : null}
      </td>
      <td>
        {h.inside_circle ? (
          <span className="badge verified">{t("demand.inside")}</span>
        ) : (
          <span className="badge rejected">{t("demand.outsideBadge")}</span>
        )}
      </td>
      <td>
        <span className={`badge ${h.verification_status}`}>{t(`common.${h.verification_status}` as MessageKey)}</span>
      </td>
      <td className="muted">{h.reasons.map((r) => t(r.key, r.vars)).join(t("common.clauseSeparator"))}</td>
      <td>
        {matchState.get(h.supplier_id) ? (
          t(`match.state.${matchState.get(h.supplier_id)}` as MessageKey)
        ) : demand.status === "open" ? (
          <MatchButtons supplierId={h.supplier_id} state={null} />
        ) : null}
      </td>
    </tr>
  );
  return (
    <div>
      <h1 data-testid="demand-title">{demand.part_name}</h1>
      <p>
        <span className="badge">{t(`demand.status.${demand.status}` as MessageKey)}</span>{" "}
        {localName(lang, { name_zh: demand.oem_name_zh, name_en: demand.oem_name_en })} ·{" "}
        {localName(lang, { name_zh: demand.plant_name_zh, name_en: demand.plant_name_en })} · {demand.category_code}{" "}
        {localName(lang, { name_zh: demand.category_name_zh, name_en: demand.category_name_en })} · {t("demand.radius")}
        : {demand.radius_km}
      </p>
      <dl className="facts">
        <dt>{t("demand.volume")}</dt>
        <dd>
          {demand.annual_volume ?? "—"} {demand.unit}
        </dd>
        <dt>{t("demand.sop")}</dt>
        <dd>{demand.sop_date ?? "—"}</dd>
        <dt>{t("demand.deadline")}</dt>
        <dd>{demand.response_deadline ?? "—"}</dd>
        <dt>{t("demand.certs")}</dt>
        <dd>{demand.required_certs.map((c) => certificationLabel(t, c)).join(t("common.listSeparator")) || "—"}</dd>
        <dt>{t("demand.spec")}</dt>
        <dd style={{ whiteSpace: "pre-wrap" }}>{demand.spec || "—"}</dd>
      </dl>
      <FormError error={errors._form} />
      {buyer ? (
        <>
          <Form method="post" id="match-actions" hidden />
          <Form method="post" className="inline">
            {demand.status === "open" ? (
              <button type="submit" name="intent" value="close">
                {t("demand.close")}
              </button>
            ) : (
              <button type="submit" name="intent" value="reopen">
                {t("demand.reopen")}
              </button>
            )}
          </Form>
          <section className="whatif">
            <h2>{t("whatif.title")}</h2>
            <Form method="get" className="inline">
              <input
                name="whatif"
                inputMode="decimal"
                placeholder={t("whatif.value")}
                aria-label={t("whatif.value")}
                defaultValue={buyer.whatIf ? formatFen(buyer.whatIf.fen) : ""}
                data-testid="whatif-input"
              />
              <button type="submit">{t("whatif.run")}</button>
            </Form>
            {buyer.whatIf ? (
              <p data-testid="whatif-result">
                {t("whatif.result", {
                  year: buyer.whatIf.year,
                  before: formatRate(buyer.whatIf.rates.province.before),
                  after: formatRate(buyer.whatIf.rates.province.after),
                  basis: t("dash.basis.province"),
                })}
                <br />
                {t("whatif.result", {
                  year: buyer.whatIf.year,
                  before: formatRate(buyer.whatIf.rates.circle.before),
                  after: formatRate(buyer.whatIf.rates.circle.after),
                  basis: t("dash.basis.circle"),
                })}
              </p>
            ) : null}
          </section>
          <h2 id="matches">{t("demand.matches")}</h2>
          {buyer.matches.length === 0 ? (
            <EmptyState message="demand.noMatches" testId="matches-empty" />
          ) : (
            <div className="table-scroll">
              <table className="data-table" data-testid="matches">
                <thead>
                  <tr>
                    <th>{t("common.supplier")}</th>
                    <th className="num">{t("match.distance")}</th>
                    <th>{t("match.fit")}</th>
                    <th>{t("demand.status")}</th>
                    <th>{t("match.quote")}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {buyer.matches.map((m) => (
                    <tr key={m.id} data-testid="match-row" data-origin={m.origin}>
                      <td>
                        {localName(lang, m)} {m.origin === "supplier" ? <SelfNominatedBadge /> : null}
                      </td>
                      <td className="num">{t("common.km", { n: Math.round(m.distance_km * 10) / 10 })}</td>
                      <td>
                        {m.inside_circle ? (
                          <span className="badge verified">{t("demand.inside")}</span>
                        ) : (
                          <span className="badge rejected">{t("demand.outsideBadge")}</span>
                        )}{" "}
                        <span className={`badge ${m.verification_status}`}>
                          {t(`common.${m.verification_status}` as MessageKey)}
                        </span>
                      </td>
                      <td data-testid="match-state">{t(`match.state.${m.state}` as MessageKey)}</td>
                      <td data-testid="match-quote">
                        {m.quote_fen !== null ? `¥${formatFen(m.quote_fen)}` : ""} {m.quote_note}
                        {m.capacity !== null ? (
                          <small className="muted match-extra">
                            {t("match.capacity")}: {formatCount(m.capacity)} {demand.unit}
                          </small>
                        ) : null}
                        {m.earliest_sop ? (
                          <small className="muted match-extra">
                            {t("match.earliestSop")}: {m.earliest_sop}
                          </small>
                        ) : null}
                        {m.contract_fen !== null ? ` → ¥${formatFen(m.contract_fen)} (${m.period_year})` : ""}
                      </td>
                      <td>
                        <MatchButtons supplierId={m.supplier_id} state={m.state} />
                        {m.state === "interested" ? (
                          <Link
                            to={`?award=${m.supplier_id}#award`}
                            className="button primary"
                            preventScrollReset
                            data-testid={`award-${m.supplier_id}`}
                          >
                            {t("award.open")}
                          </Link>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {buyer.award ? (
            <AwardConfirmation award={buyer.award} errors={errors} />
          ) : buyer.awardAsked ? (
            <p className="notice warn" data-testid="award-gone">
              {t("award.gone")}
            </p>
          ) : null}
          <h2>{t("demand.ranking")}</h2>
          {buyer.searchDown ? <p className="notice warn">{t("suppliers.searchDown")}</p> : null}
          {buyer.ranking ? (
            <>
              {buyer.ranking.inside.length === 0 ? <p>{t("demand.none")}</p> : null}
              <div className="table-scroll" hidden={buyer.ranking.inside.length === 0}>
                <table className="data-table" data-testid="ranking">
                  <caption className="muted">{t("demand.shownNearest", { n: buyer.ranking.inside.length })}</caption>
                  <thead>
                    <tr>
                      <th>{t("common.supplier")}</th>
                      <th className="num">{t("match.distance")}</th>
                      <th />
                      <th>{t("profile.verification")}</th>
                      <th>{t("demand.why")}</th>
                      <th />
                    </tr>
                  </thead>
                  <tbody>{buyer.ranking.inside.map(row)}</tbody>
                </table>
              </div>
              {!more && buyer.ranking.inside.length >= limit ? (
                <p>
                  <Link to="?more=1" preventScrollReset data-testid="ranking-more">
                    {t("demand.showMore", { n: RANKING_MORE })}
                  </Link>
                </p>
              ) : null}
              {buyer.ranking.outside.length ? (
                <>
                  <h3>{t("demand.outside")}</h3>
                  <div className="table-scroll">
                    <table className="data-table" data-testid="outside-table">
                      <tbody>{buyer.ranking.outside.map(row)}</tbody>
                    </table>
                  </div>
                </>
              ) : null}
            </>
          ) : null}
        </>
      ) : null}
      {supplier ? (
        <section>
          <h2>{t("match.yourMatch")}</h2>
          <p data-testid="my-match-state">
            {supplier.myMatch ? t(`match.state.${supplier.myMatch.state}` as MessageKey) : "—"}
            {supplier.myMatch?.origin === "supplier" ? (
              <>
                {" "}
                <SelfNominatedBadge />
              </>
            ) : null}
          </p>
          {supplier.myMatch ? <OwnMatch match={supplier.myMatch} unit={demand.unit} /> : null}
          {supplier.myMatch && allowedActions(supplier.myMatch.state, "supplier").includes("express_interest") ? (
            <Form method="post" className="stack narrow" noValidate>
              <Field name="quote" label="match.quote" inputMode="decimal" required error={errors.quote} />
              <Field name="quote_note" label="match.quoteNote" maxLength={2000} error={errors.quote_note} />
              <div className="row">
                <button
                  type="submit"
                  name="intent"
                  value="express_interest"
                  className="primary"
                  data-testid="express-interest"
                >
                  {t("match.interest")}
                </button>
                <button type="submit" name="intent" value="decline" data-testid="decline">
                  {t("match.decline")}
                </button>
              </div>
            </Form>
          ) : null}
          {supplier.canNominate ? <NominationForm errors={errors} unit={demand.unit} /> : null}
        </section>
      ) : null}
      {official ? (
        <div className="table-scroll">
          <table className="data-table">
            <tbody>
              {official.matches.map((m, i) => (
                <tr key={i}>
                  <td>{localName(lang, m)}</td>
                  <td>{t(`match.state.${m.state}` as MessageKey)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

function SelfNominatedBadge() {
  const t = useT();
  return (
    <span className="badge self-nominated" title={t("match.selfNominatedHint")} data-testid="self-nominated">
      {t("match.selfNominated")}
    </span>
  );
}
