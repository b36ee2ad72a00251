import type { DB } from "../db/connection.server";
import type { Search } from "../search/client.server";
import type { Actor } from "./domain/policy";

/** What the server shares with every request (see server/app.ts). */
export type PeitaoContext = {
  db: DB;
  search: Search;
  publicConfig: { mapTileUrl: string | null };
  thresholds: Thresholds;
  /** From PEITAO_IMPORT_LEASE_SECONDS: how long an import runner's hold lasts unrenewed. */
  imports?: { leaseSeconds: number };
};

/** From PEITAO_MIN_INSIDE and PEITAO_GAP_MIN (validated in server/config.ts). */
export type Thresholds = {
  /** Fewer suppliers inside a demand's circle: the nearest outside are listed too. */
  minInside: number;
  /** Fewer verified suppliers inside a plant's circle: the demanded category is a gap. */
  gapMin: number;
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
