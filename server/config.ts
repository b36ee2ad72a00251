import os from "node:os";
import path from "node:path";
import { isIP } from "node:net";
import { z } from "zod";
import { parseDuration, type SessionLifetime } from "../app/domain/session-lifetime";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const port = (fallback?: number) =>
  z.preprocess(
    emptyToUndefined,
    fallback === undefined
      ? z.coerce.number().int().min(1).max(65535).optional()
      : z.coerce.number().int().min(0).max(65535).default(fallback),
  );

const DAY = 24 * 3600_000;

/** A duration such as 90m, 12h or 7d, in milliseconds. */
const duration = (fallback: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default(fallback)
      .transform((v, ctx) => {
        const ms = parseDuration(v);
        if (ms === null || ms < 60_000 || ms > 365 * DAY) {
          ctx.addIssue({ code: "custom", message: "must be a duration such as 90m, 12h or 7d (1 minute to 365 days)" });
          return z.NEVER;
        }
        return ms;
      }),
  );

const PROXY_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);
const isProxyAddress = (item: string) => {
  if (PROXY_NAMES.has(item)) return true;
  const [address, bits, ...rest] = item.split("/");
  if (rest.length || !address || !isIP(address)) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (isIP(address) === 4 ? 32 : 128));
};

/**
 * TRUST_PROXY, as Express's "trust proxy" takes it: unset or false, the client's address is
 * the socket's peer and X-Forwarded-* headers are ignored; a number of proxy hops; or the
 * proxies' addresses (loopback, linklocal, uniquelocal, an address or a CIDR, comma-separated).
 */
const trustProxy = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .default("false")
    .transform((v, ctx): boolean | number | string => {
      const t = v.trim().toLowerCase();
      if (t === "false") return false;
      if (t === "true") return true;
      if (/^\d{1,2}$/.test(t)) return Number(t) === 0 ? false : Number(t);
      const items = t.split(",").map((i) => i.trim());
      if (items.every(isProxyAddress)) return items.join(",");
      ctx.addIssue({
        code: "custom",
        message:
          "must be false, true, a number of proxies, or addresses/CIDRs (loopback, 10.0.0.0/8, …), comma-separated",
      });
      return z.NEVER;
    }),
);

/** Every environment variable Peitao reads, validated once at boot. */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
    PORT: port(3000),
    HOST: z.preprocess(emptyToUndefined, z.string().default("0.0.0.0")),
    PEITAO_DATA_DIR: z.preprocess(emptyToUndefined, z.string().default(".data")),
    DATABASE_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
        .optional(),
    ),
    PG_PORT: port(),
    MEILI_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/ }).optional()),
    MEILI_MASTER_KEY: optionalString,
    MEILI_BIN: optionalString,
    MEILI_PORT: port(),
    // Indexing memory of the embedded Meilisearch (decision 008): a size such as 512MiB,
    // 2GiB, 500 MB or a plain number of bytes, as Meilisearch's --max-indexing-memory takes.
    MEILI_MAX_INDEXING_MEMORY: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .regex(/^\d+(\.\d+)?\s*([kmgt]i?b?|b)?$/i, "must be a size such as 512MiB, 2GiB or a number of bytes")
        .refine((v) => Number.parseFloat(v) > 0, "must be more than zero")
        .default("512MiB"),
    ),
    MEILI_INDEX_PREFIX: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[a-zA-Z0-9_-]{0,40}$/, "letters, digits, - and _ only (at most 40)")
        .default("peitao_"),
    ),
    PEITAO_MIN_INSIDE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100).default(5)),
    PEITAO_GAP_MIN: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100).default(3)),
    // HTTP worker processes (node:cluster); one per core, at most 8, by default.
    PEITAO_WORKERS: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int().min(1).max(64).default(Math.min(8, os.availableParallelism())),
    ),
    // Session lifetime (app/domain/session-lifetime.ts): idle limits and the absolute one.
    PEITAO_SESSION_IDLE: duration("12h"),
    PEITAO_SESSION_IDLE_OFFICIALS: duration("2h"),
    PEITAO_SESSION_MAX: duration("7d"),
    TRUST_PROXY: trustProxy,
    PEITAO_SEED: z.preprocess(emptyToUndefined, z.enum(["demo", "none"]).default("demo")),
    MAP_TILE_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^https:\/\/.*\{z\}.*\{x\}.*\{y\}/, "must be an https tile URL with {z}, {x} and {y}")
        .optional(),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.MEILI_URL && !env.MEILI_MASTER_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["MEILI_MASTER_KEY"],
        message: "is required when MEILI_URL is set",
      });
    }
    for (const name of ["PEITAO_SESSION_IDLE", "PEITAO_SESSION_IDLE_OFFICIALS"] as const) {
      if (env[name] > env.PEITAO_SESSION_MAX) {
        ctx.addIssue({ code: "custom", path: [name], message: "must not be longer than PEITAO_SESSION_MAX" });
      }
    }
  });

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env;
  dataDir: string;
}

export class ConfigError extends Error {}

/** The session lifetime the configuration sets. */
export function sessionLifetimeOf(env: Env): SessionLifetime {
  return {
    idleMs: env.PEITAO_SESSION_IDLE,
    idleOfficialsMs: env.PEITAO_SESSION_IDLE_OFFICIALS,
    absoluteMs: env.PEITAO_SESSION_MAX,
  };
}

/** Parse the environment; a bad value throws one message naming each variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = issue.path.join(".") || "environment";
      return `  ${name}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return { env: parsed.data, dataDir: path.resolve(parsed.data.PEITAO_DATA_DIR) };
}
