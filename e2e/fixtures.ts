import { readFileSync } from "node:fs";
import { test as base, expect } from "@playwright/test";
import { e2eStackFile, type E2eStackInfo } from "../local/e2e-stack-file";

export type NewUser = { email: string; password: string };

let counter = 0;

export const test = base.extend<{ stack: E2eStackInfo; newUser: NewUser }>({
  stack: async ({}, provide) => {
    const port = Number(process.env.E2E_PORT);
    await provide(JSON.parse(readFileSync(e2eStackFile(port), "utf8")) as E2eStackInfo);
  },
  // Unique per test and project, so specs run in parallel without sharing data.
  newUser: async ({}, provide, testInfo) => {
    counter += 1;
    const tag = `${testInfo.project.name}-${testInfo.workerIndex}-${counter}-${Date.now().toString(36)}`;
    await provide({ email: `e2e-${tag}@example.com`, password: "Corr3ct-Horse!" });
  },
});

export { expect };
