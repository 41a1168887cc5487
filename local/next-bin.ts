import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import type { LocalStack } from "./stack";

/**
 * The `next` CLI run directly with this Node (not through npx, which does not pass SIGTERM on, so a stop would
 * leave next-server running).
 */
export function nextCommand(args: string[]): [string, string[]] {
  const bin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  return [process.execPath, [bin, ...args]];
}

/**
 * Runs `next <args>` against the local stack's environment. When Next exits, or this process gets SIGINT or
 * SIGTERM, Next and the stack are both stopped (once), then the process exits.
 */
export function runNextWithStack(args: string[], stack: LocalStack, onStopping: () => void = () => {}): void {
  const next = spawn(...nextCommand(args), {
    stdio: "inherit",
    env: { ...process.env, ...stack.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  let isStopping = false;
  const shutdown = async (code: number) => {
    if (isStopping) return;
    isStopping = true;
    onStopping();
    next.kill("SIGTERM");
    await stack.stop();
    process.exit(code);
  };
  next.on("exit", (code) => void shutdown(code ?? 0));
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown(0));
}
