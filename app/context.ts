import type { DB } from "../db/connection.server";
import type { Search } from "../search/client.server";

/** What every loader and action receives from the server (see server/app.ts). */
export type PeitaoContext = {
  db: DB;
  search: Search;
  publicConfig: { mapTileUrl: string | null };
};

declare module "@remix-run/node" {
  interface AppLoadContext extends PeitaoContext {}
}
