/**
 * Evaluates sst.config.ts once per scenario before the infra tests run (each in its own Node process, in
 * parallel) and hands the recorded resources to the test files through `inject("infra")`.
 */
import type { TestProject } from "vitest/node";
import { evaluate, removeStaleBundles } from "./evaluate";
import { cursorSecretValue } from "./scenarios";

export default async function setup(project: TestProject): Promise<void> {
  removeStaleBundles();
  const secrets = { CursorSecret: cursorSecretValue };
  const [dev, production, sstDev, productionWithoutSecret] = await Promise.all([
    evaluate({ stage: "dev", mode: "deploy", secrets }),
    evaluate({ stage: "production", mode: "deploy", secrets }),
    evaluate({ stage: "dev", mode: "dev", secrets }),
    evaluate({ stage: "production", mode: "deploy" }),
  ]);
  project.provide("infra", { dev, production, sstDev, productionWithoutSecret });
}
