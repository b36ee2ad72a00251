import { listPlaces } from "../../../db/catalog.server";
import type { DB } from "../../../db/connection.server";
import { findOemByCode, listOems } from "../../../db/organizations.server";
import { listPlantsOfOemForAdmin } from "../../../db/plants.server";
import { listOpenDifferences } from "../../../db/reference-differences.server";
import { listMembers } from "../../../db/users.server";
import { organizationCodeField } from "./schemas";

/** The administrators' OEM list, and how many reference differences wait for a decision. */
export async function oemListPage(db: DB) {
  const [oems, differences] = await Promise.all([listOems(db), listOpenDifferences(db)]);
  return {
    // Named by code: no id leaves the server.
    oems: oems.map(({ id: _id, ...o }) => ({
      ...o,
      plants: Number(o.plants),
      retired_plants: Number(o.retired_plants),
      members: Number(o.members),
      admins: Number(o.admins),
    })),
    openDifferences: differences.length,
  };
}

/** One OEM for its administrators' page: its plants (retired too), members, open differences, the gazetteer. */
export async function oemPage(db: DB, code: string) {
  // The code comes from the address: one that cannot be a code (a NUL reached PostgreSQL as a 500) is no OEM.
  const parsed = organizationCodeField.safeParse(code);
  const oem = parsed.success ? await findOemByCode(db, parsed.data) : undefined;
  if (!oem) return null;
  const [plants, members, differences, places] = await Promise.all([
    listPlantsOfOemForAdmin(db, oem.id),
    listMembers(db, oem.id),
    listOpenDifferences(db, oem.id),
    listPlaces(db),
  ]);
  return {
    oem: { code: oem.code!, name_zh: oem.name_zh, name_en: oem.name_en, uscc: oem.uscc },
    plants: plants.map(({ id: _id, oem_id: _oem, reference_values: _ref, ...p }) => ({
      ...p,
      retired: p.retired_at !== null,
    })),
    members: members.map((m) => ({
      email: m.email,
      display_name: m.display_name,
      role: m.role,
      deactivated: m.deactivated_at !== null,
    })),
    differences,
    places,
  };
}

/** Every open reference difference, with the gazetteer's names for locations. */
export async function referenceDifferencesPage(db: DB) {
  const [differences, places] = await Promise.all([listOpenDifferences(db), listPlaces(db)]);
  return { differences, places: places.map((p) => ({ adcode: p.adcode, name_zh: p.name_zh, name_en: p.name_en })) };
}
