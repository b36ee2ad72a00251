import { sql } from "kysely";
import type { DB } from "../db/connection.server";
import { searchIsUp, type Search } from "../search/client.server";

export interface Health {
  status: "ok" | "degraded";
  database: "up" | "down";
  search: "up" | "down";
  down: string[];
}

async function databaseIsUp(db: DB, timeoutMs = 2_000): Promise<boolean> {
  try {
    await Promise.race([
      sql`select 1`.execute(db),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), timeoutMs).unref()),
    ]);
    return true;
  } catch {
    return false;
  }
}

/** What a load balancer asks: are PostgreSQL and Meilisearch both answering? */
export async function checkHealth(db: DB, search: Search): Promise<Health> {
  const [database, searchUp] = await Promise.all([databaseIsUp(db), searchIsUp(search)]);
  const down = [...(database ? [] : ["database"]), ...(searchUp ? [] : ["search"])];
  return {
    status: down.length === 0 ? "ok" : "degraded",
    database: database ? "up" : "down",
    search: searchUp ? "up" : "down",
    down,
  };
}
