import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { listCategories, listPlantsBasic } from "../../db/catalog.server";
import { searchDirectory, SearchUnavailableError } from "../../search/directory.server";
import { apiInvalid, parseQuery } from "../features/api/respond.server";
import { suppliersQuery } from "../features/suppliers/schemas";
import { authorize } from "../auth/guard.server";

/** GET /api/v1/suppliers: the directory search as JSON. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  authorize(context, request, "api.suppliers.read");
  const query = parseQuery(request, suppliersQuery);
  if (query.category && !(await listCategories(context.db)).some((c) => c.code === query.category && c.level === 2)) {
    apiInvalid({ category: "unknown category code" });
  }
  const plant = query.plant ? (await listPlantsBasic(context.db)).find((p) => p.code === query.plant) : undefined;
  if (query.plant && !plant) apiInvalid({ plant: "unknown plant code" });
  try {
    const result = await searchDirectory(context.search, {
      q: query.q,
      category: query.category,
      certification: query.certification,
      geo: plant ? { plantCode: plant.code, radiusKm: query.radius_km } : undefined,
      page: query.page,
      perPage: query.per_page,
    });
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
