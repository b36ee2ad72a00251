import { defineConfig } from "vitest/config";

// Two projects: "unit" holds the pure tests (no PostgreSQL, no Meilisearch, no global
// setup) so `npm run test:unit` answers in seconds; "services" holds the integration and
// end-to-end tests, which share one embedded PostgreSQL and Meilisearch per run.
// `vitest run` (npm test) runs both.
export default defineConfig({
  test: {
    exclude: ["tests/bench/**", "node_modules/**"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ["default"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          // Pure modules only: one module cache per worker saves a third of the CPU time.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "services",
          include: ["tests/integration/**/*.test.ts", "tests/e2e/**/*.test.ts", "tests/security/**/*.test.ts"],
          globalSetup: ["tests/setup/global.ts"],
        },
      },
    ],
  },
});
