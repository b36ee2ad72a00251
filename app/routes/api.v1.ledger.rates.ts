import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { apiCall, parseQuery } from "../features/api/respond.server";
import { depsOf } from "../features/deps.server";
import { ledgerRates } from "../features/ledger/rates.server";
import { ratesQuery } from "../features/ledger/schemas";
import { authorize } from "../auth/guard.server";
import { moneyJson as fen } from "../domain/money";
import { verdictsJson } from "../features/policy/api-json.server";

/** GET /api/v1/ledger/rates: the local supply rate per year (and quarter) for a scope, with the policy checks. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "dashboard.read");
  const q = parseQuery(request, ratesQuery);
  const r = await apiCall(() => ledgerRates(depsOf(context), actor, q));
  return json({
    basis: r.basis,
    years: r.years.map((y) => ({
      year: y.year,
      total_fen: fen(y.totalFen),
      local_fen: fen(y.localFen),
      rate: y.rate,
      change_pp: y.changePp,
      unknown_fen: fen(y.unknownFen),
    })),
    quarters: r.quarters.map((x) => ({
      quarter: x.quarter,
      total_fen: fen(x.totalFen),
      local_fen: fen(x.localFen),
      rate: x.rate,
    })),
    policy: {
      year: r.year,
      meets_min_rate: r.check.meetsMinRate,
      meets_rise: r.check.meetsRise,
      nev_rate: r.check.nevRate,
      meets_nev_target: r.check.meetsNevTarget,
      fen_to_min_rate: fen(r.check.fenToMinRate),
      fen_to_rise: r.check.fenToRise === null ? null : fen(r.check.fenToRise),
      fen_to_nev_target: fen(r.check.fenToNevTarget),
    },
    verdicts: r.verdicts ? verdictsJson(r.year, r.verdicts.provisional, r.verdicts) : null,
  });
}
