import type { DB } from "./connection.server";
import { enqueueSearchSync } from "./outbox.server";

export interface NewSupplier {
  nameZh: string;
  nameEn?: string;
  uscc?: string | null;
  productsZh?: string;
  productsEn?: string;
  categories: string[];
  site: { adcode: number; lat: number; lng: number; label?: string; address?: string };
  verification?: "pending" | "verified" | "rejected";
  isSample?: boolean;
}

/** Create a supplier with its profile, primary site and categories, and queue it for search. */
export async function createSupplier(db: DB, input: NewSupplier): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("organizations")
      .values({
        kind: "supplier",
        name_zh: input.nameZh,
        name_en: input.nameEn ?? null,
        uscc: input.uscc ?? null,
        verification_status: input.verification ?? "pending",
        is_sample: input.isSample ?? false,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("supplier_profiles")
      .values({ supplier_id: id, products_zh: input.productsZh ?? "", products_en: input.productsEn ?? "" })
      .execute();
    await trx
      .insertInto("supplier_sites")
      .values({
        supplier_id: id,
        adcode: input.site.adcode,
        lat: input.site.lat,
        lng: input.site.lng,
        label: input.site.label ?? "",
        address: input.site.address ?? "",
        is_primary: true,
      })
      .execute();
    if (input.categories.length > 0) {
      await trx
        .insertInto("supplier_categories")
        .values(input.categories.map((code) => ({ supplier_id: id, category_code: code })))
        .execute();
    }
    await enqueueSearchSync(trx, "supplier", [id]);
    return id;
  });
}

/** Rename a supplier (scoped to that supplier organization) and queue it for search. */
export async function renameSupplier(db: DB, supplierId: string, names: { nameZh: string; nameEn?: string }) {
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("organizations")
      .set({ name_zh: names.nameZh, name_en: names.nameEn ?? null, updated_at: new Date() })
      .where("id", "=", supplierId)
      .where("kind", "=", "supplier")
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new Error(`no supplier ${supplierId}`);
    await enqueueSearchSync(trx, "supplier", [supplierId]);
  });
}

/** Delete a supplier and everything that hangs off it; search drops its documents. */
export async function deleteSupplier(db: DB, supplierId: string) {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("organizations").where("id", "=", supplierId).where("kind", "=", "supplier").execute();
    await enqueueSearchSync(trx, "supplier", [supplierId]);
  });
}
