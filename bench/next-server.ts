/**
 * The production server for the benchmarks: `next build` when .next is missing or older than the sources it
 * is built from, then `next start` on a free loopback port with the local stack's environment (as
 * local/serve-e2e.ts runs it for Playwright).
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "../local/free-port";
import { nextCommand } from "../local/next-bin";

const SOURCE_DIRS = ["app", "components", "client", "lib", "server", "public"];
const SOURCE_FILES = ["next.config.ts", "package-lock.json", "postcss.config.mjs", "tsconfig.json"];
const BUILD_ID = ".next/BUILD_ID";

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

function isBuildCurrent(): boolean {
  if (!existsSync(BUILD_ID)) return false;
  const sources = [...SOURCE_DIRS, ...SOURCE_FILES].filter((path) => existsSync(path));
  return sources.every((path) => newestMtime(path) <= statSync(BUILD_ID).mtimeMs);
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(...nextCommand(args), { env, stdio: "inherit" });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next ${args.join(" ")} exited with ${code}`))));
  });
}

/** Builds once, and only when a source changed since the last build. */
export async function ensureNextBuild(): Promise<void> {
  if (isBuildCurrent()) return;
  console.log("next build (the sources changed since .next was built)…");
  await run(["build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
}

export type NextServer = { base: string; pid: number; stop(): Promise<void> };

async function waitUntilUp(url: string, exited: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (exited()) throw new Error("next start exited before it answered");
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** `next start` on 127.0.0.1:<free port>; resolves once /api/openapi.json answers. */
export async function startNextServer(env: NodeJS.ProcessEnv): Promise<NextServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(...nextCommand(["start", "-p", String(port), "-H", "127.0.0.1"]), {
    env: { ...env, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  let hasExited = false;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exited.then(() => (hasExited = true));
  const stop = async () => {
    if (!hasExited) child.kill("SIGTERM");
    await exited;
  };
  if (child.pid === undefined) throw new Error("next start did not spawn");
  try {
    await waitUntilUp(`${base}/api/openapi.json`, () => hasExited, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, pid: child.pid, stop };
}
