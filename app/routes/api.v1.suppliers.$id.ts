import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { getSupplierProfile } from "../../db/supplier-profiles.server";
import { apiNotFound } from "../features/api/respond.server";
import { authorize } from "../auth/guard.server";
import { can } from "../domain/policy";

/** GET /api/v1/suppliers/{id}: one supplier's profile; private fields by policy. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "api.suppliers.read");
  const id = z.uuid().safeParse(params.id);
  const p = id.success ? await getSupplierProfile(context.db, id.data) : undefined;
  if (!p) apiNotFound("supplier");
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
    certifications: p.certifications.map((c) => ({ kind: c.kind, name: c.name, valid_until: c.validUntil })),
    employees: p.employees,
    nev_capable: p.nevCapable,
    sites: p.sites,
    private: can(actor, "supplier.private.read", { organizationId: p.id })
      ? { annual_capacity: p.annualCapacity, customers: p.customers, contact_name: p.contactName, contact_phone: p.contactPhone, contact_email: p.contactEmail }
      : null,
  });
}
