import { parseArgs } from "node:util";
import { seedOemsAndPlants, seedSuppliers } from "../../db/seed.server";
import { drainOutbox } from "../../search/sync.server";
import { runCli } from "./context";

await runCli(async ({ db, search }, argv) => {
  const { values } = parseArgs({
    args: argv,
    options: { suppliers: { type: "string", default: "300" }, seed: { type: "string", default: "2026" } },
  });
  const count = Number(values.suppliers);
  const seed = Number(values.seed);
  if (!Number.isInteger(count) || count < 0 || count > 5_000_000)
    throw new Error("--suppliers must be a whole number from 0 to 5000000");
  if (!Number.isInteger(seed)) throw new Error("--seed must be a whole number");
  await seedOemsAndPlants(db);
  const before = await db
    .selectFrom("organizations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("kind", "=", "supplier")
    .where("is_sample", "=", true)
    .executeTakeFirstOrThrow();
  const t0 = Date.now();
  await seedSuppliers(db, { count, seed, offset: Number(before.n) });
  console.log(`[peitao] ${count} sample suppliers written in ${Date.now() - t0} ms; indexing …`);
  let total = 0;
  for (;;) {
    const { processed } = await drainOutbox(db, search);
    if (processed === 0) break;
    total += processed;
  }
  console.log(`[peitao] ${total} outbox rows indexed in ${Date.now() - t0} ms`);
});
