import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../server/config";

describe("configuration", () => {
  it("defaults to embedded services on port 3000", () => {
    const { env } = loadConfig({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.MEILI_URL).toBeUndefined();
    expect(env.PEITAO_SEED).toBe("demo");
  });

  it("names the variable that is wrong", () => {
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must be a postgres/);
    expect(() => loadConfig({ MEILI_URL: "http://127.0.0.1:7700" })).toThrow(/MEILI_MASTER_KEY: is required/);
    expect(() => loadConfig({ MEILI_INDEX_PREFIX: "a b" })).toThrow(ConfigError);
    expect(() => loadConfig({ PEITAO_GAP_MIN: "three" })).toThrow(/PEITAO_GAP_MIN/);
    expect(loadConfig({ PEITAO_MIN_INSIDE: "8" }).env.PEITAO_MIN_INSIDE).toBe(8);
    expect(() => loadConfig({ PEITAO_IMPORT_LEASE_SECONDS: "1" })).toThrow(/PEITAO_IMPORT_LEASE_SECONDS/);
    expect(loadConfig({}).env.PEITAO_IMPORT_LEASE_SECONDS).toBe(60);
  });

  it("validates the embedded Meilisearch's indexing memory", () => {
    expect(loadConfig({}).env.MEILI_MAX_INDEXING_MEMORY).toBe("512MiB");
    expect(loadConfig({ MEILI_MAX_INDEXING_MEMORY: "" }).env.MEILI_MAX_INDEXING_MEMORY).toBe("512MiB");
    for (const ok of ["2GiB", "768 MiB", "500MB", "1073741824"]) {
      expect(loadConfig({ MEILI_MAX_INDEXING_MEMORY: ok }).env.MEILI_MAX_INDEXING_MEMORY).toBe(ok);
    }
    for (const bad of ["lots", "512 potatoes", "-1GiB", "0", "0MiB"]) {
      expect(() => loadConfig({ MEILI_MAX_INDEXING_MEMORY: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ MEILI_MAX_INDEXING_MEMORY: bad })).toThrow(/MEILI_MAX_INDEXING_MEMORY: must be/);
    }
  });

  it("accepts an external PostgreSQL and Meilisearch", () => {
    const { env } = loadConfig({
      DATABASE_URL: "postgres://postgres@127.0.0.1:5432/peitao",
      MEILI_URL: "http://127.0.0.1:7700",
      MEILI_MASTER_KEY: "k",
    });
    expect(env.DATABASE_URL).toContain("5432");
    expect(env.MEILI_URL).toBe("http://127.0.0.1:7700");
  });
});
