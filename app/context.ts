import type { DB } from "../db/connection.server";
import type { Search } from "../search/client.server";
import type { Actor } from "./domain/policy";

/** What the server shares with every request (see server/app.ts). */
export type PeitaoContext = {
  db: DB;
  search: Search;
  publicConfig: { mapTileUrl: string | null };
};

/** Plus what is known of the request itself. */
export type RequestContext = PeitaoContext & {
  actor: Actor | null;
  clientIp: string;
  /** Tell the server about an error (a lost database connection turns pages to 503). */
  reportError?: (err: unknown) => void;
};

declare module "@remix-run/node" {
  interface AppLoadContext extends RequestContext {}
}
