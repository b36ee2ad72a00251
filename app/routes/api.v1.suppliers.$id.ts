import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { authorize } from "../auth/guard.server";
import { withExpiry } from "../domain/certificates";
import { chinaDay } from "../domain/dates";
import { apiNotFound } from "../features/api/respond.server";
import { depsOf } from "../features/deps.server";
import { supplierDetail } from "../features/suppliers/read.server";

/** GET /api/v1/suppliers/{id}: one supplier's profile; private fields by policy. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "api.suppliers.read");
  const id = z.uuid().safeParse(params.id);
  const detail = id.success ? await supplierDetail(depsOf(context), actor, id.data) : undefined;
  if (!detail) apiNotFound("supplier");
  const { profile: p, showPrivate } = detail;
  return json({
    id: p.id,
    uscc: p.uscc,
    name_zh: p.nameZh,
    name_en: p.nameEn,
    verification_status: p.verificationStatus,
    updated_at: new Date(p.updatedAt).toISOString(),
    categories: p.categories,
    products_zh: p.productsZh,
    products_en: p.productsEn,
    processes: p.processes,
    certifications: withExpiry(p.certifications, chinaDay(new Date())).map((c) => ({
      kind: c.kind,
      name: c.name,
      valid_until: c.validUntil,
      expired: c.expired,
    })),
    employees: p.employees,
    nev_capable: p.nevCapable,
    sites: p.sites.map((site) => ({
      id: site.id,
      label: site.label,
      adcode: site.adcode,
      lat: site.lat,
      lng: site.lng,
      address: site.address,
      precision: site.precision,
      precision_km: site.precisionKm,
      status: site.status,
    })),
    source_urls: p.sourceUrls,
    external_id: p.externalId,
    private: showPrivate
      ? {
          annual_capacity: p.annualCapacity,
          customers: p.customers,
          contact_name: p.contactName,
          contact_phone: p.contactPhone,
          contact_email: p.contactEmail,
        }
      : null,
  });
}
