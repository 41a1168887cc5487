import type { TestProject } from "vitest/node";
import { startLocalStack } from "./stack";

/** Integration tests share one in-memory local stack, started once per run on free ports. */
export default async function setup(project: TestProject) {
  // The export function runs in this process for every test file: its per-user limit is tested on its own
  // (app/api/rate-limits.int.test.ts), so here it must not refuse the suites that export often.
  process.env.LEDGERLINE_EXPORT_LIMIT ??= "100000";
  const stack = await startLocalStack({
    appOrigins: ["http://localhost:3000"],
    accessTokenValiditySeconds: 3600,
    // Quick retries, and quiet unless something fails.
    functions: { retryDelaysMs: [100, 200], log: (line) => (/ ok/.test(line) ? undefined : console.log(line)) },
  });
  Object.assign(process.env, stack.env);
  project.provide("localStackEnv", stack.env);
  return () => stack.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    localStackEnv: Record<string, string>;
  }
}
