import type { AppLoadContext } from "@remix-run/node";
import { json } from "@remix-run/node";
import { oemList, openDemandsOf, plantsOf } from "../../../db/policy.server";
import { authorize } from "../../auth/guard.server";
import { DomainError } from "../../domain/errors";
import { can } from "../../domain/policy";
import { fenToYuanDecimal, formatFen, moneyJson, readYuan } from "../../domain/money";
import { parseSearchParams, parseForm, formAction, invalid } from "../../lib/forms.server";
import { getLang } from "../../lib/lang.server";
import { localName, translate, type Lang } from "../../lib/i18n";
import { depsOf } from "../deps.server";
import { tableCsv, tableXlsx } from "../dashboard/table-exports.server";
import type { Cell, Table } from "../dashboard/tables";
import { whatIfForScope } from "../ledger/what-if.server";
import { entrantsJson, newSupplyJson, whatIfJson } from "./api-json.server";
import { entrantRule } from "./config.server";
import { entrantsOf, recordEntrantProject } from "./entrants.server";
import { newSupply } from "./new-supply.server";
import { entrantProjectForm, entrantsQuery, newSupplyQuery, verdictsQuery, whatIfQuery } from "./schemas";
import { rewardVerdicts } from "./verdicts.server";

// The data of the instruments' pages (/dashboard/new-supply, entrants, verdicts, what-if):
// the route loaders call one of these. Officials choose any OEM; OEM users see their own.

/** The scope pickers: the OEMs (officials only) and the plants of the chosen OEM. */
async function pickers(context: AppLoadContext, oemId: string | undefined, lang: Lang, official: boolean) {
  const [oems, plants] = await Promise.all([
    official ? oemList(context.db) : Promise.resolve([]),
    oemId ? plantsOf(context.db, oemId) : Promise.resolve([]),
  ]);
  return {
    oems: oems.map((o) => ({ id: o.id, name: localName(lang, o) })),
    plants: plants.map((p) => ({ code: p.code, name: `${p.code} ${localName(lang, p)}` })),
  };
}

/** A DomainError of a page's scope (a plant not of the OEM): the page without that filter. */
async function lenient<T>(run: () => Promise<T>, again: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof DomainError) return again();
    throw err;
  }
}

export async function newSupplyPage(context: AppLoadContext, request: Request) {
  const actor = authorize(context, request, "dashboard.read");
  const lang = await getLang(request);
  const q = parseSearchParams(new URL(request.url), newSupplyQuery);
  const deps = depsOf(context);
  const r = await lenient(
    () => newSupply(deps, actor, q),
    () => newSupply(deps, actor, { ...q, plant: undefined }),
  );
  const official = actor.organizationKind !== "oem";
  return {
    params: { year: r.year, oem: q.oem ?? "", plant: r.plant ?? "" },
    official,
    ...(await pickers(context, r.oemId ?? undefined, lang, official)),
    result: newSupplyJson(r),
    rows: r.rows.map((row) => ({
      oem: localName(lang, row.oemName),
      plant: row.plantName ? `${row.plant} ${localName(lang, row.plantName)}` : null,
      province: {
        prev: moneyJson(row.province.previousFen),
        cur: moneyJson(row.province.currentFen),
        change: moneyJson(row.province.changeFen),
      },
      circle: {
        prev: moneyJson(row.circle.previousFen),
        cur: moneyJson(row.circle.currentFen),
        change: moneyJson(row.circle.changeFen),
      },
    })),
    entries: r.entries.map((e) => ({
      id: e.id,
      year: e.year,
      plant: e.plant_code,
      supplier: localName(lang, { name_zh: e.supplier_name, name_en: e.supplier_name_en }),
      amountFen: e.amount_fen,
      source: e.source as "match" | "import" | "reversal",
      inJilin: e.in_jilin,
      insideCircle: e.inside_circle,
      effect: e.effect,
    })),
  };
}

function entrantsTable(r: Awaited<ReturnType<typeof entrantsOf>>, lang: Lang): Table {
  const t = (k: Parameters<typeof translate>[1]) => translate(lang, k);
  const money = (v: bigint | number | string | null): Cell =>
    v === null ? { value: null, display: "—" } : { value: fenToYuanDecimal(v), display: formatFen(v), money: true };
  const text = (s: string): Cell => ({ value: s, display: s });
  const headers = [
    t("policy.oem"),
    t("policy.supplier"),
    t("policy.entrants.contract"),
    t("policy.entrants.demand"),
    t("policy.entrants.projectName"),
    t("policy.entrants.totalInvestment"),
    t("policy.entrants.equipmentInvestment"),
    t("policy.entrants.constructionStart"),
    t("policy.entrants.reward"),
  ];
  return {
    id: "gaps",
    title: `${t("policy.entrants.title")} ${r.year ?? ""}`,
    headers,
    exportHeaders: headers,
    numFmts: [null, null, "#,##0.00", null, null, "#,##0.00", "#,##0.00", null, "#,##0.00"],
    rows: r.entrants.map((e) => [
      text(localName(lang, { name_zh: e.oem_name, name_en: e.oem_name_en })),
      text(localName(lang, { name_zh: e.supplier_name, name_en: e.supplier_name_en })),
      money(e.contract_fen),
      text(e.demand_part ?? ""),
      text(e.project_name ?? ""),
      money(e.total_investment_fen),
      money(e.equipment_investment_fen),
      text(e.construction_start ?? ""),
      money(e.reward.rewardFen),
    ]),
  };
}

export async function entrantsPage(context: AppLoadContext, request: Request) {
  const actor = authorize(context, request, "dashboard.read");
  const lang = await getLang(request);
  const q = parseSearchParams(new URL(request.url), entrantsQuery);
  const r = await entrantsOf(depsOf(context), actor, q, entrantRule(context));
  const official = actor.organizationKind !== "oem";
  return {
    params: { year: r.year, oem: q.oem ?? "" },
    official,
    canRecord: can(actor, "entrant.project.record"),
    ...(await pickers(context, undefined, lang, official)),
    rule: {
      pct: r.rule.ratePercent,
      cap: formatFen(r.rule.capFen, { decimals: 0 }),
      min: formatFen(r.rule.minTotalInvestmentFen, { decimals: 0 }),
    },
    result: entrantsJson(r),
    entrants: r.entrants.map((e) => ({
      key: `${e.oem_id}|${e.supplier_id}`,
      oemId: e.oem_id,
      supplierId: e.supplier_id,
      oem: localName(lang, { name_zh: e.oem_name, name_en: e.oem_name_en }),
      supplier: localName(lang, { name_zh: e.supplier_name, name_en: e.supplier_name_en }),
      contractFen: e.contract_fen,
      demand: e.demand_id ? { id: e.demand_id, part: e.demand_part ?? "" } : null,
      project: e.project_id
        ? {
            name: e.project_name ?? "",
            total: fenToYuanDecimal(e.total_investment_fen ?? 0),
            equipment: fenToYuanDecimal(e.equipment_investment_fen ?? 0),
            start: e.construction_start ?? "",
          }
        : null,
      reward: {
        fen: moneyJson(e.reward.rewardFen),
        eligible: e.reward.eligible,
        capped: e.reward.eligible && e.reward.capped,
        reason: e.reward.eligible ? null : e.reward.reason,
      },
    })),
  };
}

/** The entrants export: the page's table as CSV or XLSX. */
export async function entrantsExport(context: AppLoadContext, request: Request, format: "csv" | "xlsx") {
  const actor = authorize(context, request, "dashboard.read");
  const lang = await getLang(request);
  const q = parseSearchParams(new URL(request.url), entrantsQuery);
  const r = await entrantsOf(depsOf(context), actor, q, entrantRule(context));
  const table = entrantsTable(r, lang);
  const name = `peitao-entrants-${r.year ?? "none"}.${format}`;
  const year = r.year ?? 0;
  const meta = {
    lang,
    basis: "province" as const,
    year,
    yearLabel: String(r.year ?? "—"),
    filters: [],
    at: new Date(),
  };
  return format === "csv"
    ? new Response(tableCsv(table, meta), {
        headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"` },
      })
    : new Response(new Uint8Array(await tableXlsx(table, meta)), {
        headers: {
          "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "Content-Disposition": `attachment; filename="${name}"`,
        },
      });
}

/** The entrants page's action: an official records a project; 400 with field errors on bad input. */
export async function entrantsAction(context: AppLoadContext, request: Request) {
  const actor = authorize(context, request, "entrant.project.record");
  const parsed = await parseForm(request, entrantProjectForm);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  return formAction(parsed.values, async () => {
    await recordEntrantProject(depsOf(context), actor, parsed.data);
    return json({ ok: true as const, saved: `${parsed.data.oemId}|${parsed.data.supplierId}` });
  });
}

export async function verdictsPage(context: AppLoadContext, request: Request) {
  const actor = authorize(context, request, "dashboard.read");
  const lang = await getLang(request);
  const q = parseSearchParams(new URL(request.url), verdictsQuery);
  const r = await rewardVerdicts(depsOf(context), actor, q);
  const official = actor.organizationKind !== "oem";
  const figures = (v: {
    verdict: string;
    reason: string | null;
    rate: number | null;
    threshold: number | null;
    fenNeeded: bigint | null;
  }) => ({
    verdict: v.verdict as "met" | "not_met" | "not_applicable",
    reason: v.reason as "no_procurement" | "no_previous_year" | "before_target_year" | null,
    rate: v.rate,
    threshold: v.threshold,
    fenNeeded: v.fenNeeded === null ? null : moneyJson(v.fenNeeded),
  });
  return {
    params: { year: r.year, oem: q.oem ?? "", basis: r.basis },
    official,
    ...(await pickers(context, undefined, lang, official)),
    oems: r.oems.map((o) => ({
      id: o.oemId,
      name: localName(lang, o.oemName),
      provisional: o.provisional,
      quarters: o.quarters,
      minRate: figures(o.verdicts.minRate),
      rise: {
        ...figures(o.verdicts.rise),
        previousRate: o.verdicts.rise.previousRate,
        changePp: o.verdicts.rise.changePp,
      },
      nev: figures(o.verdicts.nev),
    })),
  };
}

export async function whatIfPage(context: AppLoadContext, request: Request) {
  const actor = authorize(context, request, "dashboard.read");
  const lang = await getLang(request);
  const url = new URL(request.url);
  // Ticked demands arrive as repeated `demand` fields; the schema takes them comma-separated.
  const ticked = url.searchParams.getAll("demand");
  if (ticked.length) url.searchParams.set("demands", ticked.join(","));
  // The page's amount is in yuan.
  const yuan = url.searchParams.get("amount");
  const reading = yuan ? readYuan(yuan) : null;
  if (reading?.ok && reading.fen > 0) url.searchParams.set("amount_fen", String(reading.fen));
  const q = parseSearchParams(url, whatIfQuery);
  const official = actor.organizationKind !== "oem";
  const deps = depsOf(context);
  const opts = { minInside: context.thresholds.minInside };
  const r = await lenient(
    () => whatIfForScope(deps, actor, q, opts),
    () => whatIfForScope(deps, actor, { ...q, plant: undefined, demands: undefined }, opts),
  );
  const oemId = actor.organizationKind === "oem" ? actor.organizationId : q.oem;
  const open = oemId ? await openDemandsOf(context.db, { oemId }) : [];
  return {
    params: {
      year: r.year,
      oem: q.oem ?? "",
      plant: q.plant ?? "",
      parts: q.parts,
      basis: q.basis,
      amount: q.amount_fen === undefined ? "" : fenToYuanDecimal(q.amount_fen),
      demands: q.demands ?? [],
    },
    official,
    ...(await pickers(context, oemId, lang, official)),
    openDemands: open.map((d) => ({ id: d.id, part: d.part_name, plant: d.plant_code, nev: d.nev_key })),
    result: whatIfJson(r),
    demands: r.demands.map((d) => ({
      ...d,
      supplier: d.supplier ? localName(lang, d.supplier) : null,
      amountFen: d.amountFen === null ? null : moneyJson(d.amountFen),
    })),
    searchDown: r.searchDown,
  };
}
