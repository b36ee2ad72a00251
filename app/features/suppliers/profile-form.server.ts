import { fieldErrors, nulErrors, type FieldErrors, type FormValues } from "../../lib/forms.server";
import { profileFieldName, profileFromValues, type PlacePoint } from "./profile-form";
import { saveProfileInput, type SaveProfileInput } from "./schemas";

/** Parse the profile form's values with the one profile schema; errors keyed by form field. */
export function parseProfileValues(
  values: FormValues,
  countyPoints?: Map<number, PlacePoint>,
): { ok: true; data: SaveProfileInput } | { ok: false; errors: FieldErrors } {
  const nul = nulErrors(values);
  if (nul) return { ok: false, errors: nul };
  const parsed = saveProfileInput.safeParse(profileFromValues(values, countyPoints));
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, errors: fieldErrors(parsed.error, profileFieldName) };
}
