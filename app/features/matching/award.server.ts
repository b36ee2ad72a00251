import type { Demand } from "../../../db/demands.server";
import type { DB } from "../../../db/connection.server";
import { getMatchFor, supplierCertificates } from "../../../db/matches.server";
import { supplierLocality } from "../../../db/procurement-import.server";
import { findOrganization } from "../../../db/organizations.server";
import { awardPeriod, certificateWarnings, prefillAmountFen } from "../../domain/award";
import { chinaDay } from "../../domain/dates";
import type { Actor } from "../../domain/policy";

/**
 * What confirming (定点) a supplier on one of the buyer's demands would post to the ledger,
 * before it is posted: the supplier, the amount prefilled from its quote, the period from
 * the demand's SOP, the locality on both bases (supplier in Jilin; site within 100 km), and
 * warnings (supplier not verified, a required certificate missing or expired). Null when the
 * supplier has no match on the demand that can be confirmed (the route already checked that
 * the actor manages the demand).
 */
export async function awardPreview(db: DB, _actor: Actor, demand: Demand, supplierId: string, now = new Date()) {
  const match = await getMatchFor(db, demand.id, supplierId);
  if (!match || match.state !== "interested") return null;
  const today = chinaDay(now);
  const [supplier, locality, certs] = await Promise.all([
    findOrganization(db, supplierId),
    supplierLocality(db, supplierId, demand),
    supplierCertificates(db, supplierId),
  ]);
  if (!supplier) return null;
  const period = awardPeriod(demand.sop_date, today);
  const prefill = prefillAmountFen(match.quote_fen, demand.annual_volume);
  return {
    supplier_id: supplierId,
    name_zh: supplier.name_zh,
    name_en: supplier.name_en,
    verification_status: supplier.verification_status,
    origin: match.origin,
    quote_fen: match.quote_fen,
    amount_fen: prefill?.fen ?? null,
    amount_per_unit: prefill?.perUnit ?? false,
    annual_volume: demand.annual_volume,
    unit: demand.unit,
    year: period.year,
    quarter: period.quarter,
    period_from_sop: period.fromSop,
    sop_date: demand.sop_date,
    locality: locality
      ? {
          province: locality.supplier_province,
          in_jilin: locality.supplier_in_jilin,
          distance_km: locality.distance_km,
          inside_circle: locality.inside_circle,
        }
      : null,
    warnings: {
      unverified: supplier.verification_status !== "verified",
      ...certificateWarnings(demand.required_certs, certs, today),
    },
  };
}

export type AwardPreview = NonNullable<Awaited<ReturnType<typeof awardPreview>>>;
