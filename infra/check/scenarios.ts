/** The deployments the infra tests evaluate (infra/check/global-setup.ts) and read with `inject("infra")`. */
import type { Evaluation } from "./evaluation";

/** The value `sst secret set CursorSecret …` would hold; tests check that it never lands in plain sight. */
export const cursorSecretValue = "infra-test-cursor-secret-7f3a";

export type Scenarios = {
  /** `sst deploy --stage dev` (any non-production stage). */
  dev: Evaluation;
  /** `sst deploy --stage production`. */
  production: Evaluation;
  /** `sst dev` (live resources, `next dev` locally). */
  sstDev: Evaluation;
  /** `sst deploy --stage production` before `sst secret set CursorSecret`. */
  productionWithoutSecret: Evaluation;
};

declare module "vitest" {
  export interface ProvidedContext {
    infra: Scenarios;
  }
}
