import { loadConfig } from "../config";
import { refuseIfRunning } from "../instance";

// `npm start` runs this before it builds: a second start on the data directory of a running
// Peitao stops here with one line, before the build replaces the assets that the running
// server serves. (The server checks again when it starts; this is the early, cheap check.)
let dataDir: string | undefined;
try {
  const config = loadConfig();
  if (!config.env.DATABASE_URL || !config.env.MEILI_URL) dataDir = config.dataDir;
} catch {
  // A bad configuration is reported by the start itself, one message naming each variable.
}
if (dataDir) {
  try {
    refuseIfRunning(dataDir);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
