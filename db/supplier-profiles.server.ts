import { sql, type Transaction } from "kysely";
import { NEAR_DUPLICATE_THRESHOLD, nameSimilarity } from "../app/domain/names";
import { isCityLevel, seatRadiusKm } from "../app/domain/places";
import type { SupplierProfile } from "../app/domain/supplier-profile";
import type { DB } from "./connection.server";
import type { Database } from "./schema";
import type { VerificationStatus } from "../app/domain/vocabulary";

export interface StoredProfile extends SupplierProfile {
  id: string;
  uscc: string | null;
  /** The supplier's id in the list it was imported from, if any. */
  externalId: string | null;
  isSample: boolean;
  verificationStatus: VerificationStatus;
  verificationReason: string | null;
  verifiedAt: Date | null;
  updatedAt: Date;
}

/** A supplier's whole profile, or undefined when the id is not a supplier. */
export async function getSupplierProfile(
  db: DB | Transaction<Database>,
  supplierId: string,
): Promise<StoredProfile | undefined> {
  const org = await db
    .selectFrom("organizations as o")
    .leftJoin("supplier_profiles as p", "p.supplier_id", "o.id")
    .selectAll("p")
    .select([
      "o.id",
      "o.name_zh",
      "o.name_en",
      "o.uscc",
      "o.external_id",
      "o.is_sample",
      "o.verification_status",
      "o.verification_reason",
      "o.verified_at",
      "o.updated_at as org_updated_at",
    ])
    .where("o.id", "=", supplierId)
    .where("o.kind", "=", "supplier")
    .executeTakeFirst();
  if (!org) return undefined;
  const [sites, categories, certifications] = await Promise.all([
    db
      .selectFrom("supplier_sites")
      .selectAll()
      .where("supplier_id", "=", supplierId)
      .orderBy("is_primary", "desc")
      .orderBy("label")
      .execute(),
    db
      .selectFrom("supplier_categories")
      .select("category_code")
      .where("supplier_id", "=", supplierId)
      .orderBy("category_code")
      .execute(),
    db
      .selectFrom("supplier_certifications")
      .selectAll()
      .where("supplier_id", "=", supplierId)
      .orderBy("kind")
      .execute(),
  ]);
  const updatedAt = [org.org_updated_at, org.updated_at]
    .filter(Boolean)
    .map((d) => new Date(d as Date))
    .sort((a, b) => b.getTime() - a.getTime())[0]!;
  return {
    id: org.id,
    uscc: org.uscc,
    externalId: org.external_id,
    isSample: org.is_sample,
    verificationStatus: org.verification_status,
    verificationReason: org.verification_reason,
    verifiedAt: org.verified_at,
    updatedAt,
    nameZh: org.name_zh,
    nameEn: org.name_en ?? "",
    productsZh: org.products_zh ?? "",
    productsEn: org.products_en ?? "",
    categories: categories.map((c) => c.category_code),
    processes: org.processes ?? [],
    certifications: certifications.map((c) => ({ kind: c.kind, name: c.name, validUntil: c.valid_until })),
    annualCapacity: org.annual_capacity ?? "",
    employees: org.employees ?? null,
    nevCapable: org.nev_capable ?? false,
    customers: org.customers ?? [],
    contactName: org.contact_name ?? "",
    contactPhone: org.contact_phone ?? "",
    contactEmail: org.contact_email ?? "",
    sourceUrls: org.source_urls ?? [],
    sites: sites.map((s) => ({
      id: s.id,
      label: s.label,
      adcode: s.adcode,
      lat: s.lat,
      lng: s.lng,
      address: s.address,
      precision: s.location_precision,
      precisionKm: s.precision_km,
      status: s.operating_status,
    })),
  };
}

/**
 * Where a site known only by its place stands, for every place below a province: the seat
 * when the gazetteer has one (else its point), the ± from its area, and whether it is a prefecture.
 */
export async function placeSeats(
  db: DB | Transaction<Database>,
): Promise<Map<number, { lat: number; lng: number; radiusKm: number | null; isCity: boolean }>> {
  const rows = await db
    .selectFrom("places")
    .select(["adcode", "level", "lat", "lng", "seat_lat", "seat_lng", "area_km2"])
    .where("level", "!=", "province")
    .execute();
  return new Map(
    rows.map((p) => [
      p.adcode,
      {
        lat: p.seat_lat ?? p.lat,
        lng: p.seat_lng ?? p.lng,
        radiusKm: seatRadiusKm(p.area_km2),
        isCity: isCityLevel(p.level),
      },
    ]),
  );
}

/** Which references of a profile do not exist: leaf category codes, and sub-province places. */
export async function unknownReferences(
  db: DB | Transaction<Database>,
  categories: string[],
  adcodes: number[],
): Promise<{ categories: boolean; places: boolean }> {
  const codes = [...new Set(categories)];
  const places = [...new Set(adcodes)];
  const foundCats = codes.length
    ? await db.selectFrom("part_categories").select("code").where("level", "=", 2).where("code", "in", codes).execute()
    : [];
  const foundPlaces = places.length
    ? await db
        .selectFrom("places")
        .select("adcode")
        .where("adcode", "in", places)
        .where("level", "not in", ["province"])
        .execute()
    : [];
  return { categories: foundCats.length !== codes.length, places: foundPlaces.length !== places.length };
}

/** Rename a supplier organization; false when the id is not a supplier. */
export async function updateSupplierNames(
  trx: Transaction<Database>,
  supplierId: string,
  names: { nameZh: string; nameEn: string },
): Promise<boolean> {
  const updated = await trx
    .updateTable("organizations")
    .set({ name_zh: names.nameZh, name_en: names.nameEn || null, updated_at: new Date() })
    .where("id", "=", supplierId)
    .where("kind", "=", "supplier")
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** A new supplier organization (the import's new rows); its profile is written separately. */
export async function insertSupplierOrganization(
  trx: Transaction<Database>,
  org: { nameZh: string; nameEn: string; uscc: string | null; externalId?: string | null },
): Promise<string> {
  const row = await trx
    .insertInto("organizations")
    .values({
      kind: "supplier",
      name_zh: org.nameZh,
      name_en: org.nameEn || null,
      uscc: org.uscc,
      external_id: org.externalId ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Give a supplier the keys an import row brings (a USCC or an external id it did not have yet). */
export async function setSupplierKeys(
  trx: Transaction<Database>,
  supplierId: string,
  keys: { uscc?: string; externalId?: string },
): Promise<void> {
  if (keys.uscc === undefined && keys.externalId === undefined) return;
  await trx
    .updateTable("organizations")
    .set({
      ...(keys.uscc !== undefined ? { uscc: keys.uscc } : {}),
      ...(keys.externalId !== undefined ? { external_id: keys.externalId } : {}),
      updated_at: new Date(),
    })
    .where("id", "=", supplierId)
    .where("kind", "=", "supplier")
    .execute();
}

/**
 * Replace a supplier's profile rows (profile, sites, categories, certifications). The
 * organization's names are updateSupplierNames'; references are checked by the caller.
 */
export async function replaceSupplierProfile(
  trx: Transaction<Database>,
  supplierId: string,
  profile: SupplierProfile,
): Promise<void> {
  const nev = await trx
    .selectFrom("part_categories")
    .select("code")
    .where("code", "in", profile.categories)
    .where("nev_key", "=", true)
    .execute();
  const values = {
    products_zh: profile.productsZh,
    products_en: profile.productsEn,
    processes: profile.processes,
    annual_capacity: profile.annualCapacity,
    employees: profile.employees,
    nev_capable: profile.nevCapable || nev.length > 0,
    customers: profile.customers,
    contact_name: profile.contactName,
    contact_phone: profile.contactPhone,
    contact_email: profile.contactEmail,
    source_urls: profile.sourceUrls,
    updated_at: new Date(),
  };
  await trx
    .insertInto("supplier_profiles")
    .values({ supplier_id: supplierId, ...values })
    .onConflict((oc) => oc.column("supplier_id").doUpdateSet(values))
    .execute();

  // Sites: keep the ids of sites that stay, drop the rest, add new ones.
  const existing = await trx.selectFrom("supplier_sites").select("id").where("supplier_id", "=", supplierId).execute();
  const keep = new Set(
    profile.sites.map((s) => s.id).filter((id): id is string => Boolean(id) && existing.some((e) => e.id === id)),
  );
  const drop = existing.map((e) => e.id).filter((id) => !keep.has(id));
  if (drop.length)
    await trx.deleteFrom("supplier_sites").where("id", "in", drop).where("supplier_id", "=", supplierId).execute();
  for (const [i, s] of profile.sites.entries()) {
    const row = {
      label: s.label,
      adcode: s.adcode,
      lat: s.lat,
      lng: s.lng,
      address: s.address,
      is_primary: i === 0,
      location_precision: s.precision,
      precision_km: s.precisionKm,
      operating_status: s.status,
    };
    if (s.id && keep.has(s.id))
      await trx
        .updateTable("supplier_sites")
        .set(row)
        .where("id", "=", s.id)
        .where("supplier_id", "=", supplierId)
        .execute();
    else
      await trx
        .insertInto("supplier_sites")
        .values({ supplier_id: supplierId, ...row })
        .execute();
  }

  await trx.deleteFrom("supplier_categories").where("supplier_id", "=", supplierId).execute();
  await trx
    .insertInto("supplier_categories")
    .values([...new Set(profile.categories)].map((code) => ({ supplier_id: supplierId, category_code: code })))
    .execute();
  await trx.deleteFrom("supplier_certifications").where("supplier_id", "=", supplierId).execute();
  const certs = new Map(profile.certifications.map((c) => [`${c.kind}|${c.name}`, c]));
  if (certs.size) {
    await trx
      .insertInto("supplier_certifications")
      .values(
        [...certs.values()].map((c) => ({
          supplier_id: supplierId,
          kind: c.kind,
          name: c.name,
          valid_until: c.validUntil,
        })),
      )
      .execute();
  }
}

/** Record an official's decision on a supplier; false when the id is not a supplier. */
export async function setVerification(
  trx: Transaction<Database>,
  supplierId: string,
  decision: { status: "verified" | "rejected"; reason: string | null },
  actorUserId: string | null,
): Promise<boolean> {
  const res = await trx
    .updateTable("organizations")
    .set({
      verification_status: decision.status,
      verification_reason: decision.reason,
      verified_at: new Date(),
      verified_by: actorUserId,
    })
    .where("id", "=", supplierId)
    .where("kind", "=", "supplier")
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export interface NearDuplicate {
  id: string;
  nameZh: string;
  similarity: number;
}

/** Suppliers with a similar name and a site in the same county (not the supplier itself). */
export async function findNearDuplicates(
  db: DB | Transaction<Database>,
  nameZh: string,
  adcodes: number[],
  excludeId?: string,
): Promise<NearDuplicate[]> {
  if (adcodes.length === 0) return [];
  let q = db
    .selectFrom("organizations as o")
    .select(["o.id", "o.name_zh"])
    .where("o.kind", "=", "supplier")
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("supplier_sites as s")
          .select(sql`1`.as("x"))
          .whereRef("s.supplier_id", "=", "o.id")
          .where("s.adcode", "in", adcodes),
      ),
    );
  if (excludeId) q = q.where("o.id", "!=", excludeId);
  const rows = await q.execute();
  return rows
    .map((r) => ({ id: r.id, nameZh: r.name_zh, similarity: nameSimilarity(nameZh, r.name_zh) }))
    .filter((r) => r.similarity >= NEAR_DUPLICATE_THRESHOLD)
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, 5);
}
