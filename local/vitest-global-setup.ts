import type { TestProject } from "vitest/node";
import { startLocalStack } from "./stack";

/** Integration tests share one in-memory local stack, started once per run on free ports. */
export default async function setup(project: TestProject) {
  const stack = await startLocalStack({ appOrigins: ["http://localhost:3000"], accessTokenValiditySeconds: 3600 });
  Object.assign(process.env, stack.env);
  project.provide("localStackEnv", stack.env);
  return () => stack.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    localStackEnv: Record<string, string>;
  }
}
