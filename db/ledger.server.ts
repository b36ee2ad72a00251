import type { Transaction } from "kysely";
import { haversineKm } from "../app/domain/geo";
import { inJilin, POLICY_CIRCLE_KM, provinceOf } from "../app/domain/locality";
import type { Database } from "./schema";

/**
 * The ledger entry of a confirmed match, in the confirming transaction. Locality is
 * frozen now: the supplier's site nearest the plant, its province and city, the distance
 * and whether it lies inside the 100 km circle. Exactly once per match: a partial unique
 * index on match_id makes a second attempt a no-op.
 */
export async function postMatchEntry(
  trx: Transaction<Database>,
  m: { matchId: string; supplierId: string; oemId: string; plantId: string; categoryCode: string; amountFen: number; year: number; postedBy: string | null },
): Promise<{ posted: boolean }> {
  const plant = await trx.selectFrom("plants").select(["lat", "lng"]).where("id", "=", m.plantId).executeTakeFirstOrThrow();
  const sites = await trx
    .selectFrom("supplier_sites as s")
    .leftJoin("places as pl", "pl.adcode", "s.adcode")
    .select(["s.adcode", "s.lat", "s.lng", "pl.parent_adcode", "pl.level"])
    .where("s.supplier_id", "=", m.supplierId)
    .execute();
  const nearest = sites
    .map((s) => ({ ...s, km: haversineKm(plant, s) }))
    .sort((a, b) => a.km - b.km)[0];
  const km = nearest ? Math.round(nearest.km * 1000) / 1000 : null;
  const res = await trx
    .insertInto("ledger_entries")
    .values({
      oem_id: m.oemId,
      plant_id: m.plantId,
      supplier_id: m.supplierId,
      supplier_province: nearest ? provinceOf(nearest.adcode) ?? "未知" : "未知",
      supplier_city_adcode: nearest ? (nearest.level === "prefecture_city" || nearest.level === "autonomous_prefecture" ? nearest.adcode : nearest.parent_adcode) : null,
      supplier_in_jilin: nearest ? inJilin(nearest.adcode) : false,
      distance_km: km,
      inside_circle: km !== null && km <= POLICY_CIRCLE_KM,
      category_code: m.categoryCode,
      amount_fen: m.amountFen,
      period_year: m.year,
      period_quarter: null,
      source: "match",
      match_id: m.matchId,
      posted_by: m.postedBy,
    })
    .onConflict((oc) => oc.column("match_id").where("source", "=", "match").doNothing())
    .executeTakeFirst();
  return { posted: Number(res.numInsertedOrUpdatedRows ?? 0) === 1 };
}
