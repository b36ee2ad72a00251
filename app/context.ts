import type { DB } from "../db/connection.server";
import type { Search } from "../search/client.server";
import type { Actor } from "./domain/policy";
import type { EntrantRewardRule } from "./domain/policy-rules";
import type { SessionLifetime } from "./domain/session-lifetime";

/** What the server shares with every request (see server/app.ts). */
export type PeitaoContext = {
  db: DB;
  search: Search;
  publicConfig: { mapTileUrl: string | null };
  thresholds: Thresholds;
  /** From PEITAO_SESSION_IDLE, PEITAO_SESSION_IDLE_OFFICIALS and PEITAO_SESSION_MAX. */
  sessionLifetime: SessionLifetime;
  /**
   * From TRUST_PROXY: which proxies' X-Forwarded-For (and -Proto) to believe, as Express's
   * "trust proxy" takes it; false: the client is the socket's peer.
   */
  trustProxy: boolean | number | string;
  /** From PEITAO_ENTRANT_REWARD_*: the new entrant's reward rule (default: the policy's). */
  entrantReward?: EntrantRewardRule;
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
  /**
   * The signed-in user's unread notifications, counted by the session lookup on a GET or HEAD
   * (null: not counted, as for a POST, whose action may mark some read).
   */
  unreadNotifications?: number | null;
  clientIp: string;
  /** This response's Content-Security-Policy nonce: inline scripts carry it (app/entry.server.tsx). */
  cspNonce?: string;
  /** Tell the server about an error (a lost database connection turns pages to 503). */
  reportError?: (err: unknown) => void;
};

declare module "@remix-run/node" {
  interface AppLoadContext extends RequestContext {}
}
