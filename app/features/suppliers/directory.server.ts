import { listCategories, listPlaces, listPlantsBasic } from "../../../db/catalog.server";
import { searchDirectory, SearchUnavailableError } from "../../../search/directory.server";
import { parseSearchParams } from "../../lib/forms.server";
import { chinaDay } from "../../domain/dates";
import { DomainError } from "../../domain/errors";
import type { Deps } from "../deps.server";
import { directoryQuery, type DirectoryQuery } from "./schemas";

/**
 * The directory search that the /suppliers page and GET /api/v1/suppliers share: the
 * category must be a leaf of the taxonomy, the group a first-level one, the city a
 * prefecture-level place and the plant a known plant (DomainError naming the field
 * otherwise); a plant turns on distances within `radius_km`, nearest first, the words of
 * `q` then only narrowing the list. Throws SearchUnavailableError while Meilisearch is down.
 */
export async function searchSuppliers(deps: Pick<Deps, "db" | "search">, query: DirectoryQuery) {
  const [categories, plants, places] = await Promise.all([
    listCategories(deps.db),
    listPlantsBasic(deps.db),
    query.city !== undefined ? listPlaces(deps.db) : Promise.resolve([]),
  ]);
  const [unknown] = unknownFilterValues(query, { categories, plants, places });
  if (unknown === "category") throw new DomainError("unknown_category", "category");
  if (unknown === "group") throw new DomainError("unknown_group", "group");
  if (unknown === "city") throw new DomainError("unknown_city", "city");
  if (unknown === "plant") throw new DomainError("unknown_plant", "plant");
  const plant = query.plant ? plants.find((p) => p.code === query.plant) : undefined;
  return searchDirectory(deps.search, {
    q: query.q,
    category: query.category,
    group: query.group,
    city: query.city,
    certification: query.certification,
    verifiedOnly: query.verified,
    geo: plant ? { plantCode: plant.code, radiusKm: query.radius_km } : undefined,
    today: chinaDay(new Date()),
    page: query.page,
    perPage: query.per_page,
  });
}

type FilterRef = "category" | "group" | "city" | "plant";

/**
 * The query's values that name nothing in the reference data: a category that is not a leaf
 * of the taxonomy, a group that is not a first-level one, a city that is not a
 * prefecture-level place (one whose parent is a province), a plant that is not known.
 */
export function unknownFilterValues(
  query: Pick<DirectoryQuery, "category" | "group" | "city" | "plant">,
  ref: {
    categories: { code: string; level: number }[];
    plants: { code: string }[];
    places: { adcode: number; level: string; parent_adcode: number | null }[];
  },
): FilterRef[] {
  const out: FilterRef[] = [];
  if (query.category && !ref.categories.some((c) => c.code === query.category && c.level === 2)) out.push("category");
  if (query.group && !ref.categories.some((c) => c.code === query.group && c.level === 1)) out.push("group");
  if (query.city !== undefined) {
    const byCode = new Map(ref.places.map((p) => [p.adcode, p]));
    const city = byCode.get(query.city);
    const parent = city?.parent_adcode != null ? byCode.get(city.parent_adcode) : undefined;
    if (!city || parent?.level !== "province") out.push("city");
  }
  if (query.plant && !ref.plants.some((p) => p.code === query.plant)) out.push("plant");
  return out;
}

/** The directory query's fields as the page names them (the URL's parameter names). */
export const DIRECTORY_FIELDS = [
  "q",
  "category",
  "group",
  "city",
  "certification",
  "verified",
  "plant",
  "radius_km",
  "page",
  "per_page",
] as const;
export type DirectoryField = (typeof DIRECTORY_FIELDS)[number];

/**
 * Everything the public /suppliers page shows: its query parsed with the API's one schema
 * (directoryQuery), the lists for its selects, and the result. A value the schema or the
 * reference data refuses is not dropped (that widened the list to everything): the page
 * names the refused fields in `invalid` and shows no results. `searchDown` while
 * Meilisearch is down.
 */
export async function directoryPage(deps: Pick<Deps, "db" | "search">, url: URL) {
  const [categories, places, plants] = await Promise.all([
    listCategories(deps.db),
    listPlaces(deps.db),
    listPlantsBasic(deps.db),
  ]);
  const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ""));
  const strict = directoryQuery.safeParse({ ...raw, per_page: raw.per_page ?? String(PAGE_SIZE) });
  const invalid = new Set<DirectoryField>();
  if (!strict.success) {
    for (const issue of strict.error.issues) invalid.add(fieldOf(issue.path[0]));
  }
  // Every value naming nothing is named at once, not only the first.
  const lenient = parseSearchParams(url, directoryQuery);
  for (const field of unknownFilterValues(strict.success ? strict.data : lenient, { categories, plants, places }))
    invalid.add(field);
  // The form shows back what can be shown; a refused value is left out of it.
  const params: DirectoryQuery = { ...lenient, per_page: PAGE_SIZE };
  const lists = { params, categories, places, plants };
  if (strict.success && invalid.size === 0) {
    try {
      return {
        ...lists,
        invalid: [] as DirectoryField[],
        result: await searchSuppliers(deps, { ...strict.data, per_page: PAGE_SIZE }),
        searchDown: false,
      };
    } catch (err) {
      if (err instanceof SearchUnavailableError) return { ...lists, invalid: [], result: null, searchDown: true };
      if (err instanceof DomainError && err.field) invalid.add(fieldOf(err.field));
      else throw err;
    }
  }
  return { ...lists, invalid: [...invalid], result: null, searchDown: false };
}

const fieldOf = (key: unknown): DirectoryField =>
  (DIRECTORY_FIELDS as readonly string[]).includes(String(key)) ? (String(key) as DirectoryField) : "q";

/** Suppliers per page of the directory. */
const PAGE_SIZE = 20;
