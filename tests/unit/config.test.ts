import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, sessionLifetimeOf } from "../../server/config";

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

  it("reads TRUST_PROXY as Express's trust proxy: none by default, all, hops, or addresses and ranges", () => {
    expect(loadConfig({}).env.TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "" }).env.TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "0" }).env.TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "TRUE" }).env.TRUST_PROXY).toBe(true);
    expect(loadConfig({ TRUST_PROXY: "1" }).env.TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: "Loopback, 10.0.0.0/8, 192.168.1.7, fd00::/8" }).env.TRUST_PROXY).toBe(
      "loopback,10.0.0.0/8,192.168.1.7,fd00::/8",
    );
    for (const bad of ["proxy.example", "10.0.0.0/33", "300.1.1.1", "loopback,,nope", ",", "::1/129", "1.2.3.4/8/8"])
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY: must be true, false/);
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

  it("reads the session lifetime as durations, idle limits no longer than the absolute one", () => {
    const { env } = loadConfig({});
    expect(sessionLifetimeOf(env)).toEqual({
      idleMs: 12 * 3600_000,
      idleOfficialsMs: 2 * 3600_000,
      absoluteMs: 7 * 86400_000,
    });
    const custom = loadConfig({
      PEITAO_SESSION_IDLE: "90m",
      PEITAO_SESSION_IDLE_OFFICIALS: "30m",
      PEITAO_SESSION_MAX: "1d",
    });
    expect(sessionLifetimeOf(custom.env)).toEqual({
      idleMs: 90 * 60_000,
      idleOfficialsMs: 30 * 60_000,
      absoluteMs: 86400_000,
    });
    for (const bad of ["forever", "12", "0h", "400d", "-1h"])
      expect(() => loadConfig({ PEITAO_SESSION_IDLE: bad })).toThrow(/PEITAO_SESSION_IDLE: must be a duration/);
    expect(() => loadConfig({ PEITAO_SESSION_IDLE: "8d" })).toThrow(
      /PEITAO_SESSION_IDLE: must not be longer than PEITAO_SESSION_MAX/,
    );
    expect(() => loadConfig({ PEITAO_SESSION_MAX: "1h" })).toThrow(/PEITAO_SESSION_IDLE_OFFICIALS: must not be longer/);
  });

  it("trusts no proxy's X-Forwarded-For unless TRUST_PROXY names one", () => {
    expect(loadConfig({}).env.TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "false" }).env.TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "0" }).env.TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "true" }).env.TRUST_PROXY).toBe(true);
    expect(loadConfig({ TRUST_PROXY: "2" }).env.TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: "loopback" }).env.TRUST_PROXY).toBe("loopback");
    expect(loadConfig({ TRUST_PROXY: "loopback, 10.0.0.0/8, fd00::/8" }).env.TRUST_PROXY).toBe(
      "loopback,10.0.0.0/8,fd00::/8",
    );
    for (const bad of ["yes", "10.0.0.0/33", "evil.example", "1.2.3.4/8/8"])
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY: must be/);
  });
});
