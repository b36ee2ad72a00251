import { runCli } from "./context";

// Migrations and reference data are applied by startServices itself.
await runCli(async () => {
  console.log("[peitao] database is at the latest migration");
});
