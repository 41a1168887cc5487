import { createRequire } from "node:module";

/**
 * The `next` CLI run directly with this Node (not through npx, which does not pass SIGTERM on, so a stop would
 * leave next-server running).
 */
export function nextCommand(args: string[]): [string, string[]] {
  const bin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  return [process.execPath, [bin, ...args]];
}
