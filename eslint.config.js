// @ts-check
// ESLint 9 flat config: the recommended sets of ESLint, typescript-eslint (without type
// information, so the whole repository lints in seconds) and React hooks. Formatting is
// Prettier's (`prettier --check .` in `npm run lint`), so no stylistic rules here.
// Must stay fast: the whole repository in well under 45 s on a 2-core machine.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  {
    ignores: [
      "build/",
      "public/build/",
      ".data/",
      ".cache/",
      "node_modules/",
      "tests/bench/results/",
      "tests/.artifacts/",
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    // The two classic hook rules. The plugin's other recommended rules run the React
    // Compiler over every file (two thirds of the lint time) and matter to projects that
    // compile with it; this one does not. They found nothing when this was set up.
    files: ["app/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
    },
  },
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      // app/ runs on both sides (Remix); the rest is Node.
      globals: { ...globals.node, ...globals.browser },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          // `const { secret, ...rest } = row` is how a field is left out of a copy.
          ignoreRestSiblings: true,
        },
      ],
      // `declare module "…" { interface AppLoadContext extends RequestContext {} }` is how a
      // library's interface is augmented; other empty interfaces stay errors.
      "@typescript-eslint/no-empty-object-type": ["error", { allowInterfaces: "with-single-extends" }],
      // Control characters in a regular expression are deliberate here (detecting binary or
      // mis-decoded uploads in app/lib/import); the rule finds nothing else.
      "no-control-regex": "off",
    },
  },
  {
    // Kysely's Migrator takes a Kysely<any>: the migrator runs on any database, and
    // Kysely<Database> is not assignable to Kysely<unknown>.
    files: ["db/migrate.server.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // The benchmark reads back its own JSON reports of earlier versions, whose shape varies.
    files: ["tests/bench/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
