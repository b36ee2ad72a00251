import { reindexSuppliers } from "../../search/reindex.server";
import { runCli } from "./context";

await runCli(async ({ db, search }) => {
  const result = await reindexSuppliers(db, search);
  console.log(`[peitao] suppliers index rebuilt and swapped in: ${result.documents} documents in ${result.ms} ms`);
});
