import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getDemand, supplierMaySeeDemand } from "../../db/demands.server";
import { getMatchFor, listMatchesForDemand } from "../../db/matches.server";
import { DomainError } from "../domain/errors";
import { authorize } from "../auth/guard.server";
import { Field, FormError } from "../components/Field";
import { handleDemandIntent } from "../features/matching/demand-intents.server";
import { rankDemand, type RankedSupplier } from "../features/matching/ranking.server";
import { allowedActions } from "../domain/match-state";
import { formatFen, parseYuanToFen } from "../domain/money";
import { formatRate, rate, rateIfAwardedLocally } from "../domain/rates";
import { ledgerSums } from "../../db/ledger.server";
import { can } from "../domain/policy";
import { CERTIFICATION_LABELS } from "../domain/supplier-profile";
import { useLang, useT, type MessageKey } from "../lib/i18n";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.demand.part_name ?? "需求"} · 配套 Peitao` }];

async function load(context: LoaderFunctionArgs["context"], request: Request, id: string | undefined) {
  const parsed = z.uuid().safeParse(id);
  const demand = parsed.success ? await getDemand(context.db, parsed.data) : undefined;
  if (!demand) throw new Response("Not Found", { status: 404 });
  const actor = authorize(context, request, "demand.read", { organizationId: demand.oem_id });
  if (actor.organizationKind === "supplier" && !(await supplierMaySeeDemand(context.db, actor.organizationId, demand))) {
    throw new Response("Not Found", { status: 404 });
  }
  return { demand, actor };
}

const RANKING_FIRST = 20;
const RANKING_MORE = 100;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { demand, actor } = await load(context, request, params.id);
  const isBuyer = can(actor, "demand.manage", { organizationId: demand.oem_id });
  const isSupplier = actor.organizationKind === "supplier";
  let ranking: { inside: RankedSupplier[]; outside: RankedSupplier[] } | null = null;
  let searchDown = false;
  // The 20 nearest first; "show more" lists up to 100.
  const more = new URL(request.url).searchParams.get("more") === "1";
  const limit = more ? RANKING_MORE : RANKING_FIRST;
  if (isBuyer) {
    try {
      ranking = await rankDemand(context.search, demand, context.thresholds.minInside, limit);
    } catch (err) {
      if (!(err instanceof Error && err.name.startsWith("Meilisearch"))) throw err;
      searchDown = true;
    }
  }
  const matches = isSupplier ? [] : await listMatchesForDemand(context.db, demand.id);
  // What-if: the OEM's rate this year if the demand were awarded locally at a value the buyer enters.
  const whatIfFen = isBuyer ? parseYuanToFen(new URL(request.url).searchParams.get("whatif") ?? "") : null;
  let whatIf: { year: number; fen: number; province: [number | null, number | null]; circle: [number | null, number | null] } | null = null;
  if (whatIfFen !== null && whatIfFen > 0) {
    const year = new Date().getFullYear();
    const [row] = await ledgerSums(context.db, [], { oemId: demand.oem_id, years: [year] });
    const p = { totalFen: row?.total_fen ?? 0, localFen: row?.province_fen ?? 0 };
    const c = { totalFen: row?.total_fen ?? 0, localFen: row?.circle_fen ?? 0 };
    whatIf = { year, fen: whatIfFen, province: [rate(p), rateIfAwardedLocally(p, whatIfFen)], circle: [rate(c), rateIfAwardedLocally(c, whatIfFen)] };
  }
  const myMatch = isSupplier ? await getMatchFor(context.db, demand.id, actor.organizationId) : undefined;
  return json({ demand, isBuyer, isSupplier, ranking, searchDown, matches, myMatch: myMatch ?? null, whatIf, more, limit });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { demand, actor } = await load(context, request, params.id);
  let raw: Record<string, unknown>;
  try {
    raw = Object.fromEntries(await request.formData());
  } catch {
    return json({ errors: { _form: "form.invalid" } }, { status: 400 });
  }
  // A row button sends "intent:supplierId" as `act` (one form for the whole table).
  if (typeof raw.act === "string") {
    const [intent, supplierId] = raw.act.split(":");
    raw = { ...raw, intent, supplierId };
  }
  try {
    const result = await handleDemandIntent(context.db, actor, demand, raw, context.clientIp);
    if (!result.ok) return json({ errors: result.errors }, { status: result.status });
    return json({ errors: {} as Record<string, string> });
  } catch (err) {
    if (err instanceof DomainError) return json({ errors: { [err.field ?? "_form"]: `form.${err.code}` } }, { status: 400 });
    throw err;
  }
}

/**
 * The buyer's buttons for one supplier. They submit the table's one form (see
 * `RankingForm`), carrying "intent:supplierId": a Remix <Form> per row cost a route
 * resolution each, twice per row, on a page that lists up to 100 suppliers.
 */
function MatchButtons({ supplierId, state }: { supplierId: string; state: string | null }) {
  const t = useT();
  const actions = allowedActions(state as never, "buyer").filter((a) => a !== "confirm");
  return (
    <span className="inline">
      {actions.map((a) => (
        <button type="submit" form="match-actions" name="act" value={`${a}:${supplierId}`} key={a} data-testid={`${a}-${supplierId}`}>
          {t(`match.${a}` as MessageKey)}
        </button>
      ))}
    </span>
  );
}

export default function DemandPage() {
  const { demand, isBuyer, isSupplier, ranking, searchDown, matches, myMatch, whatIf, more, limit } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  const errors = (data?.errors ?? {}) as Record<string, MessageKey>;
  const matchState = new Map(matches.map((m) => [m.supplier_id, m.state]));
  const row = (h: RankedSupplier) => (
    <tr key={h.supplier_id} data-testid="ranked-row" className={h.inside_circle ? undefined : "outside"}>
      <td><a href={`/suppliers/${h.supplier_id}`}>{lang === "zh" ? h.name_zh : h.name_en || h.name_zh}</a> {h.is_sample ? <span className="badge sample">{t("common.sample")}</span> : null}</td>
      <td className="num" data-testid="ranked-distance">{t("common.km", { n: h.distance_km })}</td>
      <td>{h.inside_circle ? <span className="badge verified">{t("demand.inside")}</span> : <span className="badge rejected">{t("demand.outsideBadge")}</span>}</td>
      <td><span className={`badge ${h.verification_status}`}>{t(`common.${h.verification_status}` as MessageKey)}</span></td>
      <td className="muted">{h.reasons.map((r) => t(r.key, r.vars)).join("；")}</td>
      <td>
        {matchState.get(h.supplier_id)
          ? t(`match.state.${matchState.get(h.supplier_id)}` as MessageKey)
          : demand.status === "open" ? <MatchButtons supplierId={h.supplier_id} state={null} /> : null}
      </td>
    </tr>
  );
  return (
    <div>
      <h1 data-testid="demand-title">{demand.part_name}</h1>
      <p>
        <span className="badge">{t(`demand.status.${demand.status}` as MessageKey)}</span>{" "}
        {lang === "zh" ? demand.oem_name_zh : demand.oem_name_en} · {lang === "zh" ? demand.plant_name_zh : demand.plant_name_en} ·{" "}
        {demand.category_code} {lang === "zh" ? demand.category_name_zh : demand.category_name_en} · {t("demand.radius")}: {demand.radius_km}
      </p>
      <dl className="facts">
        <dt>{t("demand.volume")}</dt><dd>{demand.annual_volume ?? "—"} {demand.unit}</dd>
        <dt>{t("demand.sop")}</dt><dd>{demand.sop_date ?? "—"}</dd>
        <dt>{t("demand.deadline")}</dt><dd>{demand.response_deadline ?? "—"}</dd>
        <dt>{t("demand.certs")}</dt><dd>{demand.required_certs.map((c) => CERTIFICATION_LABELS[c as keyof typeof CERTIFICATION_LABELS] ?? c).join("、") || "—"}</dd>
        <dt>{t("demand.spec")}</dt><dd style={{ whiteSpace: "pre-wrap" }}>{demand.spec || "—"}</dd>
      </dl>
      <FormError error={errors._form} />
      {isBuyer ? (
        <>
          <Form method="post" id="match-actions" hidden />
          <Form method="post" className="inline">
            {demand.status === "open" ? (
              <button type="submit" name="intent" value="close">{t("demand.close")}</button>
            ) : (
              <button type="submit" name="intent" value="reopen">{t("demand.reopen")}</button>
            )}
          </Form>
          <section className="whatif">
            <h2>{t("whatif.title")}</h2>
            <Form method="get" className="inline">
              <input name="whatif" inputMode="decimal" placeholder={t("whatif.value")} aria-label={t("whatif.value")} defaultValue={whatIf ? formatFen(whatIf.fen) : ""} data-testid="whatif-input" />
              <button type="submit">{t("whatif.run")}</button>
            </Form>
            {whatIf ? (
              <p data-testid="whatif-result">
                {t("whatif.result", { year: whatIf.year, before: formatRate(whatIf.province[0]), after: formatRate(whatIf.province[1]), basis: t("dash.basis.province") })}
                <br />
                {t("whatif.result", { year: whatIf.year, before: formatRate(whatIf.circle[0]), after: formatRate(whatIf.circle[1]), basis: t("dash.basis.circle") })}
              </p>
            ) : null}
          </section>
          <h2>{t("demand.matches")}</h2>
          <table className="data-table" data-testid="matches">
            <thead><tr><th>{t("common.supplier")}</th><th className="num">{t("match.distance")}</th><th>{t("demand.status")}</th><th>{t("match.quote")}</th><th /></tr></thead>
            <tbody>
              {matches.map((m) => (
                <tr key={m.id} data-testid="match-row">
                  <td>{lang === "zh" ? m.name_zh : m.name_en || m.name_zh}</td>
                  <td className="num">{t("common.km", { n: Math.round(m.distance_km * 10) / 10 })}</td>
                  <td data-testid="match-state">{t(`match.state.${m.state}` as MessageKey)}</td>
                  <td>{m.quote_fen !== null ? `¥${formatFen(m.quote_fen)}` : ""} {m.quote_note}{m.contract_fen !== null ? ` → ¥${formatFen(m.contract_fen)} (${m.period_year})` : ""}</td>
                  <td>
                    <MatchButtons supplierId={m.supplier_id} state={m.state} />
                    {m.state === "interested" ? (
                      <Form method="post" className="inline confirm-form">
                        <input type="hidden" name="supplierId" value={m.supplier_id} />
                        <input name="amount" placeholder={t("match.contract")} aria-label={t("match.contract")} size={12} data-testid="confirm-amount" />
                        <input name="volume" placeholder={t("match.contractVolume")} aria-label={t("match.contractVolume")} size={8} defaultValue={demand.annual_volume ?? ""} />
                        <input name="year" aria-label={t("match.year")} size={5} defaultValue={new Date().getFullYear()} />
                        <button type="submit" name="intent" value="confirm" className="primary" data-testid="confirm">{t("match.confirm")}</button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {errors.amount ? <p className="notice error">{t(errors.amount)}</p> : null}
          <h2>{t("demand.ranking")}</h2>
          {searchDown ? <p className="notice warn">{t("suppliers.searchDown")}</p> : null}
          {ranking ? (
            <>
              {ranking.inside.length === 0 ? <p>{t("demand.none")}</p> : null}
              <table className="data-table" data-testid="ranking">
                <caption className="muted">{t("demand.shownNearest", { n: ranking.inside.length })}</caption>
                <thead><tr><th>{t("common.supplier")}</th><th className="num">{t("match.distance")}</th><th /><th>{t("profile.verification")}</th><th>{t("demand.why")}</th><th /></tr></thead>
                <tbody>{ranking.inside.map(row)}</tbody>
              </table>
              {!more && ranking.inside.length >= limit ? (
                <p><Link to="?more=1" preventScrollReset data-testid="ranking-more">{t("demand.showMore", { n: RANKING_MORE })}</Link></p>
              ) : null}
              {ranking.outside.length ? (
                <>
                  <h3>{t("demand.outside")}</h3>
                  <table className="data-table" data-testid="outside-table"><tbody>{ranking.outside.map(row)}</tbody></table>
                </>
              ) : null}
            </>
          ) : null}
        </>
      ) : null}
      {isSupplier ? (
        <section>
          <h2>{t("match.yourMatch")}</h2>
          <p data-testid="my-match-state">{myMatch ? t(`match.state.${myMatch.state}` as MessageKey) : "—"}</p>
          {myMatch && allowedActions(myMatch.state, "supplier").includes("express_interest") ? (
            <Form method="post" className="stack narrow" noValidate>
              <Field name="quote" label="match.quote" inputMode="decimal" required error={errors.quote} />
              <Field name="quoteNote" label="match.quoteNote" maxLength={2000} error={errors.quoteNote} />
              <div className="row">
                <button type="submit" name="intent" value="express_interest" className="primary" data-testid="express-interest">{t("match.interest")}</button>
                <button type="submit" name="intent" value="decline" data-testid="decline">{t("match.decline")}</button>
              </div>
            </Form>
          ) : null}
        </section>
      ) : null}
      {!isBuyer && !isSupplier ? (
        <table className="data-table">
          <tbody>{matches.map((m) => <tr key={m.id}><td>{m.name_zh}</td><td>{t(`match.state.${m.state}` as MessageKey)}</td></tr>)}</tbody>
        </table>
      ) : null}
    </div>
  );
}
