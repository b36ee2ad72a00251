import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { authorize } from "../auth/guard.server";
import { apiCall, parseQuery } from "../features/api/respond.server";
import { depsOf } from "../features/deps.server";
import { ledgerEntries } from "../features/ledger/entries.server";
import { entriesQuery } from "../features/ledger/schemas";

/**
 * GET /api/v1/ledger/entries: ledger entries by plant, year, quarter, source and document
 * number, newest first, paged; an OEM sees its own, officials every OEM's. The ids are what
 * POST /api/v1/ledger/entries/{id}/reverse takes.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "ledger.read");
  const query = parseQuery(request, entriesQuery);
  const r = await apiCall(() => ledgerEntries(depsOf(context), actor, query));
  return json({
    total: r.total,
    page: r.page,
    per_page: r.perPage,
    entries: r.entries.map((e) => ({
      id: e.id,
      source: e.source,
      oem_id: e.oem_id,
      plant: e.plant_code,
      document_no: e.document_no,
      import_revision: e.source === "import" ? e.import_revision : null,
      year: e.period_year,
      quarter: e.period_quarter,
      category: e.category_code,
      amount_fen: e.amount_fen,
      supplier_id: e.supplier_id,
      supplier_uscc: e.supplier_uscc,
      supplier_name: e.supplier_name ?? e.outside_supplier_name ?? "",
      supplier_province: e.supplier_province,
      supplier_city_adcode: e.supplier_city_adcode,
      in_jilin: e.supplier_in_jilin,
      inside_circle: e.inside_circle,
      distance_km: e.distance_km,
      locality_unknown: { province: e.province_unknown, circle: e.circle_unknown },
      match_id: e.match_id,
      reverses_id: e.reverses_id,
      reversed_by: e.reversed_by,
      posted_at: new Date(e.posted_at).toISOString(),
    })),
  });
}
