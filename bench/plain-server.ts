import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

export type PlainServer = { base: string; pid: number; stop(): void; stderr(): string };

/**
 * bench/api-server.ts (the route handlers in a plain node:http server) in a child process, once it listens.
 * Its stderr is passed through, or with `quiet` only kept (the last 20 KB) for the caller's report.
 */
export async function startPlainServer(env: NodeJS.ProcessEnv, { quiet = false } = {}): Promise<PlainServer> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/api-server.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
  process.once("exit", () => child.kill("SIGKILL"));
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-20_000);
    if (!quiet) process.stderr.write(chunk);
  });
  const lines = createInterface({ input: child.stdout ?? process.stdin });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("bench server did not start within 30 s")), 30_000);
    lines.on("line", (line) => {
      const match = /^listening (\d+)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}: ${errors}`)));
  });
  if (child.pid === undefined) throw new Error("bench server did not spawn");
  return { base: `http://127.0.0.1:${port}`, pid: child.pid, stop: () => child.kill("SIGTERM"), stderr: () => errors };
}
