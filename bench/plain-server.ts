import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

export type PlainServer = { base: string; pid: number; stop(): void };

/** bench/api-server.ts (the route handlers in a plain node:http server) in a child process, once it listens. */
export async function startPlainServer(env: NodeJS.ProcessEnv): Promise<PlainServer> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/api-server.ts"], { env, stdio: ["ignore", "pipe", "inherit"] });
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
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  if (child.pid === undefined) throw new Error("bench server did not spawn");
  return { base: `http://127.0.0.1:${port}`, pid: child.pid, stop: () => child.kill("SIGTERM") };
}
