import type { z } from "zod";
import type { DB } from "../../db/connection.server";
import { postDemand } from "../../app/features/demands/demands.server";
import { demandCreate } from "../../app/features/demands/schemas";

type Who = { userId: string | null; organizationId: string };

/** Post a demand through the use case, at the OEM's first plant unless `plant` names one. */
export async function postTestDemand(
  db: DB,
  buyer: Who,
  fields: Omit<z.input<typeof demandCreate>, "plant"> & { plant?: string },
): Promise<string> {
  const plant =
    fields.plant ??
    (
      await db
        .selectFrom("plants")
        .select("code")
        .where("oem_id", "=", buyer.organizationId)
        .orderBy("code")
        .executeTakeFirstOrThrow()
    ).code;
  return (await postDemand({ db, ip: null }, buyer, demandCreate.parse({ ...fields, plant }))).id;
}
