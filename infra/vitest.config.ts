import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * The infrastructure tests: sst.config.ts evaluated under Pulumi mocks (infra/check/global-setup.ts), then
 * asserted on. Run with `npx vitest run --config infra/vitest.config.ts`; needs `sst install` (.sst/platform),
 * which `npx tsx scripts/infra-check.ts` runs when it is missing.
 */
export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    name: "infra",
    include: ["infra/**/*.test.ts"],
    environment: "node",
    globalSetup: ["infra/check/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});
