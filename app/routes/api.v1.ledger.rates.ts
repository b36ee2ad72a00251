import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { ledgerSums } from "../../db/ledger.server";
import { apiInvalid, parseQuery } from "../features/api/respond.server";
import { ratesQuery } from "../features/ledger/schemas";
import { authorize } from "../auth/guard.server";
import { changePp, policyCheck, rate, type Sums } from "../domain/rates";

/** GET /api/v1/ledger/rates: the local supply rate per year (and quarter) for a scope, with the policy checks. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "dashboard.read");
  const q = parseQuery(request, ratesQuery);
  const oemId = actor.organizationKind === "oem" ? actor.organizationId : q.oem;
  let plantId: string | undefined;
  if (q.plant) {
    let pq = context.db.selectFrom("plants").select("id").where("code", "=", q.plant);
    if (oemId) pq = pq.where("oem_id", "=", oemId);
    const plant = await pq.executeTakeFirst();
    if (!plant) apiInvalid({ plant: "unknown plant (or not of this OEM)" });
    plantId = plant.id;
  }
  const filters = { oemId, plantId, group: q.group };
  const byYear = await ledgerSums(context.db, ["year"], filters);
  const local = (r: (typeof byYear)[number]) => (q.basis === "province" ? r.province_fen : r.circle_fen);
  const years = byYear.map((r, i) => {
    const s: Sums = { totalFen: r.total_fen, localFen: local(r) };
    const prev = byYear[i - 1]?.year === r.year! - 1 ? byYear[i - 1] : undefined;
    return { year: r.year!, total_fen: r.total_fen, local_fen: local(r), rate: rate(s), change_pp: prev ? changePp(rate(s), rate({ totalFen: prev.total_fen, localFen: local(prev) })) : null };
  });
  const year = q.year ?? byYear[byYear.length - 1]?.year ?? null;
  const cur = byYear.find((r) => r.year === year);
  const prev = byYear.find((r) => year !== null && r.year === year - 1);
  const sums = (r?: (typeof byYear)[number]): Sums => ({ totalFen: r?.total_fen ?? 0, localFen: r ? local(r) : 0 });
  const nev = { totalFen: cur?.nev_total_fen ?? 0, localFen: (q.basis === "province" ? cur?.nev_province_fen : cur?.nev_circle_fen) ?? 0 };
  const check = policyCheck(sums(cur), sums(prev), nev);
  const quarterRows = year === null ? [] : await ledgerSums(context.db, ["quarter"], { ...filters, years: [year] });
  return json({
    basis: q.basis,
    years,
    quarters: quarterRows.filter((r) => r.quarter !== null && (!q.quarter || r.quarter === q.quarter)).map((r) => ({ quarter: r.quarter!, total_fen: r.total_fen, local_fen: local(r), rate: rate({ totalFen: r.total_fen, localFen: local(r) }) })),
    policy: {
      year, meets_min_rate: check.meetsMinRate, meets_rise: check.meetsRise, nev_rate: check.nevRate, meets_nev_target: check.meetsNevTarget,
      fen_to_min_rate: check.fenToMinRate, fen_to_rise: check.fenToRise, fen_to_nev_target: check.fenToNevTarget,
    },
  });
}
