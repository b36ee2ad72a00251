import type { LatLng } from "../../domain/geo";
import { fieldErrors, nulErrors, type FieldErrors, type FormValues } from "../../lib/forms.server";
import { profileFieldName, profileFromValues, type PlacePoint } from "./profile-form";
import { saveProfileInput, type SaveProfileInput } from "./schemas";

/** Whether a point lies in the place (county or prefecture) it names; undefined: cannot tell. */
export type InPlace = (adcode: number, point: LatLng) => boolean | undefined;

/**
 * Parse the profile form's values with the one profile schema; errors keyed by form field.
 * With `inPlace`, a site whose point lies outside the county it names is refused unless
 * its `site.N.outsideOk` box confirms it (a click 30 km off is a slip, not a site).
 */
export function parseProfileValues(
  values: FormValues,
  countyPoints?: Map<number, PlacePoint>,
  inPlace?: InPlace,
): { ok: true; data: SaveProfileInput } | { ok: false; errors: FieldErrors } {
  const nul = nulErrors(values);
  if (nul) return { ok: false, errors: nul };
  const parsed = saveProfileInput.safeParse(profileFromValues(values, countyPoints));
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error, profileFieldName) };
  if (inPlace) {
    const errors: FieldErrors = {};
    parsed.data.sites.forEach((site, i) => {
      // A site standing at its county's seat is in it by construction.
      if (site.precision === "county_seat" || site.precision === "prefecture_seat") return;
      if (inPlace(site.adcode, site) !== false) return;
      if (values[`site.${i}.outsideOk`] === "1") return;
      errors[`site.${i}.lat`] = "map.outsideCounty";
    });
    if (Object.keys(errors).length) return { ok: false, errors };
  }
  return { ok: true, data: parsed.data };
}
