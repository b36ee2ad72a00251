import os from "node:os";
import path from "node:path";
import { z } from "zod";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const port = (fallback?: number) =>
  z.preprocess(
    emptyToUndefined,
    fallback === undefined
      ? z.coerce.number().int().min(1).max(65535).optional()
      : z.coerce.number().int().min(0).max(65535).default(fallback),
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
    PEITAO_IMPORT_LEASE_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(2).max(3600).default(60)),
    // HTTP worker processes (node:cluster); one per core, at most 8, by default.
    PEITAO_WORKERS: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int().min(1).max(64).default(Math.min(8, os.availableParallelism())),
    ),
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
  });

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env;
  dataDir: string;
}

export class ConfigError extends Error {}

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
