import net from "node:net";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import type { EntrantRewardRule } from "../app/domain/policy-rules";
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

/**
 * Which proxies in front of Peitao are believed about the client (X-Forwarded-For: the
 * address in audit rows and throttles) and about TLS (X-Forwarded-Proto: HSTS is sent only
 * on requests that came over TLS). Express's "trust proxy": `false` (the default) believes
 * no one; `true` every hop (only when nothing reaches Peitao but through the proxy); a
 * number the nearest n hops; else addresses, CIDR ranges or loopback, linklocal, uniquelocal,
 * comma-separated.
 */
export type TrustProxy = boolean | number | string;

const PROXY_NAMES = ["loopback", "linklocal", "uniquelocal"];
function isAddressOrRange(entry: string): boolean {
  const [address = "", prefix, ...rest] = entry.split("/");
  const version = net.isIP(address);
  if (!version || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

export const trustProxySetting = z
  .string()
  .trim()
  .transform((value, ctx): TrustProxy => {
    const lower = value.toLowerCase();
    if (lower === "true") return true;
    if (lower === "false" || value === "0") return false;
    if (/^\d{1,2}$/.test(value)) return Number(value);
    const entries = value.split(",").map((e) => e.trim());
    const bad = entries.filter((e) => !PROXY_NAMES.includes(e.toLowerCase()) && !isAddressOrRange(e));
    if (bad.length)
      ctx.addIssue({
        code: "custom",
        message: `must be true, false, a number of hops, or addresses, CIDR ranges, loopback, linklocal, uniquelocal (not ${bad.map((b) => JSON.stringify(b)).join(", ")})`,
      });
    return entries.map((e) => (PROXY_NAMES.includes(e.toLowerCase()) ? e.toLowerCase() : e)).join(",");
  });

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
    // The reward of a new entrant's production project (issue 15, app/domain/policy-rules.ts):
    // a share of the equipment investment in percent, its cap and the total investment a
    // project must exceed, both in fen (defaults: 5%, ¥2,000,000, ¥30,000,000).
    PEITAO_ENTRANT_REWARD_PERCENT: z.preprocess(emptyToUndefined, z.coerce.number().min(0).max(100).default(5)),
    PEITAO_ENTRANT_REWARD_CAP_FEN: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(200_000_000),
    ),
    PEITAO_ENTRANT_MIN_INVESTMENT_FEN: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(3_000_000_000),
    ),
    PEITAO_IMPORT_LEASE_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(2).max(3600).default(60)),
    // HTTP worker processes (node:cluster); one per core, at most 8, by default.
    PEITAO_WORKERS: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int().min(1).max(64).default(Math.min(8, os.availableParallelism())),
    ),
    // Session lifetime (app/domain/session-lifetime.ts): idle limits and the absolute one.
    PEITAO_SESSION_IDLE: duration("12h"),
    PEITAO_SESSION_IDLE_OFFICIALS: duration("2h"),
    PEITAO_SESSION_MAX: duration("7d"),
    PEITAO_SEED: z.preprocess(emptyToUndefined, z.enum(["demo", "none"]).default("demo")),
    // Proxies believed about the client's address and TLS; by default none.
    TRUST_PROXY: z.preprocess(emptyToUndefined, trustProxySetting.default(false)),
    // E-mail (decision 014): sent through this SMTP server when set, else written as .eml
    // files to <PEITAO_DATA_DIR>/mail/.
    SMTP_URL: z.preprocess(
      emptyToUndefined,
      z
        .url({ protocol: /^smtps?$/, message: "must be an smtp:// or smtps:// URL (smtp://user:pass@host:587)" })
        .optional(),
    ),
    MAIL_FROM: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .max(200)
        .regex(/^([^<>]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, "must be an address, or a name and <address>")
        .default("配套 Peitao <noreply@peitao.localhost>"),
    ),
    // The address users reach the site at: links in e-mails start with it.
    PEITAO_PUBLIC_URL: z.preprocess(
      emptyToUndefined,
      z
        .url({ protocol: /^https?$/, message: "must be an http:// or https:// URL" })
        .transform((v) => v.replace(/\/+$/, ""))
        .optional(),
    ),
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

/** Where e-mails go, and what their links start with (decision 014). */
export interface MailSettings {
  smtpUrl?: string;
  from: string;
  /** Without SMTP_URL, .eml files are written here. */
  dir: string;
  publicUrl: string;
}

export function mailSettingsOf(config: Config): MailSettings {
  const { env } = config;
  const host = env.HOST === "0.0.0.0" ? "localhost" : env.HOST;
  return {
    smtpUrl: env.SMTP_URL,
    from: env.MAIL_FROM,
    dir: path.join(config.dataDir, "mail"),
    publicUrl: env.PEITAO_PUBLIC_URL ?? `http://${host}:${env.PORT ?? 3000}`,
  };
}

export class ConfigError extends Error {}

/** The entrant reward rule the configuration sets. */
export function entrantRewardOf(env: Env): EntrantRewardRule {
  return {
    ratePercent: env.PEITAO_ENTRANT_REWARD_PERCENT,
    capFen: BigInt(env.PEITAO_ENTRANT_REWARD_CAP_FEN),
    minTotalInvestmentFen: BigInt(env.PEITAO_ENTRANT_MIN_INVESTMENT_FEN),
  };
}

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
