import { spawn } from "node:child_process";

export interface RunningServer {
  pid: number;
  /** HTTP worker processes the server reported. */
  workers: number;
  stop: () => Promise<void>;
}

/** Start `server/index.ts` as `npm start` does, with `env` added; resolves once it is ready. */
export function startServer(env: Record<string, string>): Promise<RunningServer> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not ready in 10 min:\n${output}`)), 600_000);
    child.once("exit", (code) => reject(new Error(`server exited (${code}):\n${output}`)));
    child.stdout!.on("data", () => {
      if (!output.includes("is ready at")) return;
      clearTimeout(timer);
      const workers = (output.match(/HTTP workers: ([\d, ]+)/)?.[1] ?? "").split(",").filter((x) => x.trim()).length;
      resolve({
        pid: child.pid!,
        workers,
        stop: async () => {
          child.kill("SIGTERM");
          await exited;
        },
      });
    });
  });
}
