import { listCategories, listPlaces, listPlantsBasic } from "../../../db/catalog.server";
import { searchDirectory, SearchUnavailableError } from "../../../search/directory.server";
import { parseSearchParams } from "../../lib/forms.server";
import { DomainError } from "../../domain/errors";
import type { Deps } from "../deps.server";
import { directoryQuery, type DirectoryQuery } from "./schemas";

/**
 * The directory search that the /suppliers page and GET /api/v1/suppliers share: the
 * category must be a leaf of the taxonomy and the plant a known plant (DomainError
 * otherwise); a plant turns on distances within `radius_km`, nearest first. Throws
 * SearchUnavailableError while Meilisearch is down (the caller says so: 503).
 */
export async function searchSuppliers(deps: Pick<Deps, "db" | "search">, query: DirectoryQuery) {
  const [categories, plants] = await Promise.all([listCategories(deps.db), listPlantsBasic(deps.db)]);
  if (query.category && !categories.some((c) => c.code === query.category && c.level === 2)) {
    throw new DomainError("unknown_category", "category");
  }
  const plant = query.plant ? plants.find((p) => p.code === query.plant) : undefined;
  if (query.plant && !plant) throw new DomainError("unknown_plant", "plant");
  return searchDirectory(deps.search, {
    q: query.q,
    category: query.category,
    group: query.group,
    city: query.city,
    certification: query.certification,
    verifiedOnly: query.verified,
    geo: plant ? { plantCode: plant.code, radiusKm: query.radius_km } : undefined,
    page: query.page,
    perPage: query.per_page,
  });
}

/**
 * Everything the public /suppliers page shows: its query parsed leniently from the URL
 * (an unknown category or plant is dropped, like any bad value), the lists for its
 * selects, and the result, or `searchDown` while Meilisearch is down.
 */
export async function directoryPage(deps: Pick<Deps, "db" | "search">, url: URL) {
  const [categories, places, plants] = await Promise.all([
    listCategories(deps.db),
    listPlaces(deps.db),
    listPlantsBasic(deps.db),
  ]);
  const parsed = parseSearchParams(url, directoryQuery);
  const params: DirectoryQuery = {
    ...parsed,
    category: categories.some((c) => c.code === parsed.category && c.level === 2) ? parsed.category : undefined,
    plant: plants.some((p) => p.code === parsed.plant) ? parsed.plant : undefined,
    per_page: PAGE_SIZE,
  };
  const lists = { params, categories, places, plants };
  try {
    return { ...lists, result: await searchSuppliers(deps, params), searchDown: false };
  } catch (err) {
    if (err instanceof SearchUnavailableError) return { ...lists, result: null, searchDown: true };
    throw err;
  }
}

/** Suppliers per page of the directory. */
const PAGE_SIZE = 20;
