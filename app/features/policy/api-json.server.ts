import { moneyJson as fen } from "../../domain/money";
import type { VerdictFigures, Verdicts } from "../../domain/policy-rules";
import type { ScopeWhatIf } from "../ledger/what-if.server";
import type { Entrants } from "./entrants.server";
import type { NewSupply } from "./new-supply.server";
import type { newSupplyOut, entrantsOut, verdictsOut, whatIfOut } from "./schemas";
import type { z } from "zod";

// The API's JSON of the instruments (the shapes of ./schemas.ts): sums as exact decimal text.

export const NEW_SUPPLY_DEFINITION =
  "change_fen = local procurement of the year − local procurement of the year before, from the locality each entry was posted with; reversals net out";
export const MOVING_DEFINITION =
  "moving: purchases move from outside suppliers to local ones; the total is unchanged, only the local part grows";
export const ADDING_DEFINITION =
  "adding: new purchases from local suppliers on top of today's; both the local part and the total grow";

const change = (c: { previousFen: bigint; currentFen: bigint; changeFen: bigint }) => ({
  previous_fen: fen(c.previousFen),
  current_fen: fen(c.currentFen),
  change_fen: fen(c.changeFen),
});

export function newSupplyJson(r: NewSupply): z.input<typeof newSupplyOut> {
  return {
    year: r.year,
    definition: NEW_SUPPLY_DEFINITION,
    rows: r.rows.map((row) => ({
      oem_id: row.oemId,
      oem: row.oemName.name_zh,
      plant: row.plant,
      province: change(row.province),
      circle: change(row.circle),
    })),
    entries: r.entries.map((e) => ({
      id: e.id,
      year: e.year,
      plant: e.plant_code,
      supplier: e.supplier_name,
      amount_fen: e.amount_fen,
      source: e.source,
      in_jilin: e.in_jilin,
      inside_circle: e.inside_circle,
      effect: e.effect,
    })),
  };
}

export function entrantsJson(r: Entrants): z.input<typeof entrantsOut> {
  return {
    year: r.year,
    rule: {
      rate_percent: r.rule.ratePercent,
      cap_fen: fen(r.rule.capFen),
      min_total_investment_fen: fen(r.rule.minTotalInvestmentFen),
    },
    entrants: r.entrants.map((e) => ({
      oem_id: e.oem_id,
      oem: e.oem_name,
      supplier_id: e.supplier_id,
      supplier: e.supplier_name,
      uscc: e.uscc,
      contract_fen: e.contract_fen,
      demand: e.demand_id ? { id: e.demand_id, part: e.demand_part ?? "" } : null,
      project: e.project_id
        ? {
            name: e.project_name ?? "",
            total_investment_fen: e.total_investment_fen ?? 0,
            equipment_investment_fen: e.equipment_investment_fen ?? 0,
            construction_start: e.construction_start ?? "",
          }
        : null,
      reward: {
        eligible: e.reward.eligible,
        reward_fen: fen(e.reward.rewardFen),
        capped: e.reward.eligible ? e.reward.capped : false,
        reason: e.reward.eligible ? null : e.reward.reason,
      },
    })),
  };
}

const verdict = (v: VerdictFigures) => ({
  verdict: v.verdict,
  reason: v.reason,
  rate: v.rate,
  threshold: v.threshold,
  fen_needed: v.fenNeeded === null ? null : fen(v.fenNeeded),
});

export function verdictsJson(year: number | null, provisional: boolean, v: Verdicts): z.input<typeof verdictsOut> {
  return {
    year,
    provisional,
    min_rate: verdict(v.minRate),
    rise: { ...verdict(v.rise), previous_rate: v.rise.previousRate, change_pp: v.rise.changePp },
    nev_target: verdict(v.nev),
  };
}

export function whatIfJson(r: ScopeWhatIf): z.input<typeof whatIfOut> {
  return {
    year: r.year,
    basis: r.basis,
    parts: r.parts,
    before: { total_fen: fen(r.before.totalFen), local_fen: fen(r.before.localFen), rate: r.before.rate },
    amount: { local_fen: fen(r.amount.localFen), other_fen: fen(r.amount.otherFen) },
    demands: r.demands.map((d) => ({
      id: d.id,
      part: d.part,
      supplier: d.supplier?.name_zh ?? null,
      quote_fen: d.quoteFen,
      amount_fen: d.amountFen === null ? null : fen(d.amountFen),
      local: d.local,
      unpriced: d.unpriced,
    })),
    moving: {
      total_fen: fen(r.ways.moving.totalFen),
      local_fen: fen(r.ways.moving.localFen),
      rate: r.ways.moving.rate,
      moved_fen: fen(r.ways.moving.movedFen),
      definition: MOVING_DEFINITION,
    },
    adding: {
      total_fen: fen(r.ways.adding.totalFen),
      local_fen: fen(r.ways.adding.localFen),
      rate: r.ways.adding.rate,
      definition: ADDING_DEFINITION,
    },
    needed: r.needed.map((n) => ({
      test: n.test,
      threshold: n.threshold,
      moving_fen: fen(n.moving),
      adding_fen: n.adding === null ? null : fen(n.adding),
    })),
  };
}
