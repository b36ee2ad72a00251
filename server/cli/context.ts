import { ConfigError, loadConfig } from "../config";
import { startServices, type Services } from "../services";

/** Run a command-line task with the services started, and stop them afterwards. */
export async function runCli(task: (services: Services, args: string[]) => Promise<void>) {
  let services: Services | undefined;
  let code = 0;
  try {
    const config = loadConfig();
    services = await startServices(config, { log: (m) => console.log(`[peitao] ${m}`) });
    await task(services, process.argv.slice(2));
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : err);
    code = 1;
  } finally {
    await services?.stop();
  }
  process.exit(code);
}
