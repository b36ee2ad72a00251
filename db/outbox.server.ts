import type { Kysely, Transaction } from "kysely";
import type { Database, OutboxEntity } from "./schema";

/**
 * Record that an entity changed, in the same transaction as the change itself, so
 * the search index learns of every committed change and of nothing else.
 */
export async function enqueueSearchSync(
  trx: Transaction<Database> | Kysely<Database>,
  entity: OutboxEntity,
  entityIds: string[],
): Promise<void> {
  if (entityIds.length === 0) return;
  await trx
    .insertInto("search_outbox")
    .values(entityIds.map((id) => ({ entity, entity_id: id })))
    .execute();
}
