import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { SearchUnavailableError } from "../../search/directory.server";
import { authorize } from "../auth/guard.server";
import { apiCall, parseQuery } from "../features/api/respond.server";
import { depsOf } from "../features/deps.server";
import { searchSuppliers } from "../features/suppliers/directory.server";
import { directoryQuery } from "../features/suppliers/schemas";

/** GET /api/v1/suppliers: the directory search as JSON. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  authorize(context, request, "api.suppliers.read");
  const query = parseQuery(request, directoryQuery);
  try {
    const result = await apiCall(() => searchSuppliers(depsOf(context), query));
    return json({
      total: result.total,
      page: result.page,
      per_page: result.perPage,
      hits: result.hits.map((h) => ({
        id: h.supplier_id,
        name_zh: h.name_zh,
        name_en: h.name_en,
        verification_status: h.verification_status,
        categories: h.category_codes,
        certifications: h.certifications,
        county_adcode: h.county_adcode,
        city_adcode: h.city_adcode,
        location: h.location,
        distance_km: h.distance_km,
        site_status: h.site_status,
        location_precision: h.site_precision,
        precision_km: h.precision_km,
        is_sample: h.is_sample,
      })),
    });
  } catch (err) {
    if (err instanceof SearchUnavailableError) {
      return json({ error: "search_unavailable", message: "Search is down; try again shortly." }, { status: 503 });
    }
    throw err;
  }
}
