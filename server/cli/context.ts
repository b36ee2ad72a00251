import exitHook from "async-exit-hook";
import { ConfigError, loadConfig } from "../config";
import { startServices, type Services } from "../services";

/**
 * Run a command-line task with the services, and stop them afterwards. With the data
 * directory of a running server, the task uses that server's PostgreSQL and Meilisearch and
 * leaves them running (server/instance.ts); otherwise it starts them itself and stops them
 * when it ends, on Ctrl-C and SIGTERM too.
 */
export async function runCli(task: (services: Services, args: string[]) => Promise<void>) {
  let services: Services | undefined;
  let starting: Promise<Services> | undefined;
  let code = 0;
  let interrupted = false;
  exitHook((done: () => void) => {
    interrupted = true;
    void (async () => {
      await (services ?? (await starting?.catch(() => undefined)))?.stop();
    })().finally(done);
  });
  try {
    const config = loadConfig();
    starting = startServices(config, { kind: "cli", log: (m) => console.log(`[peitao] ${m}`) });
    services = await starting;
    await task(services, process.argv.slice(2));
  } catch (err) {
    // Interrupted (Ctrl-C, SIGTERM): the task fails as its services stop; say nothing more.
    if (!interrupted) console.error(err instanceof ConfigError ? err.message : err);
    code = 1;
  } finally {
    await services?.stop();
  }
  process.exit(code);
}
