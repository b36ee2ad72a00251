import type { Kysely, Transaction } from "kysely";
import type { FirstStepFacts } from "../app/domain/first-steps";
import type { Database } from "./schema";

type Handle = Kysely<Database> | Transaction<Database>;

/** What a supplier organization has done of its first steps, read from its own rows. */
export async function firstStepFacts(db: Handle, organizationId: string): Promise<FirstStepFacts> {
  const count = (n: { n: string | number | bigint } | undefined) => Number(n?.n ?? 0);
  const [profile, categories, sites, certificates, answered] = await Promise.all([
    db
      .selectFrom("supplier_profiles")
      .select("products_zh")
      .where("supplier_id", "=", organizationId)
      .executeTakeFirst(),
    db
      .selectFrom("supplier_categories")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("supplier_id", "=", organizationId)
      .executeTakeFirst(),
    db
      .selectFrom("supplier_sites")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("supplier_id", "=", organizationId)
      .executeTakeFirst(),
    db
      .selectFrom("supplier_certifications")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("supplier_id", "=", organizationId)
      .executeTakeFirst(),
    // An opportunity taken up: a match the supplier answered (interest or a quote, declined
    // or awarded), not one a buyer merely listed or invited.
    db
      .selectFrom("matches")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("supplier_id", "=", organizationId)
      .where((eb) =>
        eb.or([eb("state", "not in", ["shortlisted", "invited", "withdrawn"]), eb("quote_fen", "is not", null)]),
      )
      .executeTakeFirst(),
  ]);
  return {
    hasProducts: Boolean(profile?.products_zh?.trim()),
    categories: count(categories),
    sites: count(sites),
    certificates: count(certificates),
    answeredOpportunities: count(answered),
  };
}
