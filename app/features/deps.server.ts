import type { AppLoadContext } from "@remix-run/node";
import type { DB } from "../../db/connection.server";
import type { Search } from "../../search/client.server";

/**
 * What a use case needs from the outside world. A write use case has the shape
 * `(deps, actor, input) => Promise<Result>` and runs one `deps.db.transaction()` holding
 * its entity rows, its audit row (`ip` goes there) and its outbox row.
 */
export interface Deps {
  db: DB;
  search: Search;
  /** The client's address, for the audit row (null from the command line). */
  ip: string | null;
}

/** The deps of a request, from the Remix load context. */
export function depsOf(context: AppLoadContext): Deps {
  return { db: context.db, search: context.search, ip: context.clientIp };
}
