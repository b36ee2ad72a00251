import { reindexSuppliers } from "../../search/reindex.server";
import { progressLine } from "../../search/progress";
import { runCli } from "./context";

await runCli(async ({ db, search }) => {
  // A line per batch at most every 2 s, and the last one: documents, rate, time left.
  let shown = 0;
  const result = await reindexSuppliers(db, search, {
    onProgress: (p) => {
      if (p.documents < p.total && Date.now() - shown < 2_000) return;
      shown = Date.now();
      console.log(`[peitao] reindex: ${progressLine(p)}`);
    },
  });
  console.log(
    `[peitao] search indexes (directory and ranking) rebuilt and swapped in: ${result.documents} site documents each in ${result.ms} ms`,
  );
});
