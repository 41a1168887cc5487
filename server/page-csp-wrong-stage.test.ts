import { describe, expect, it, vi } from "vitest";
import { LOCKED_DOWN_CSP } from "@/lib/http/security-headers";

// Everything a page needs is linked; only the stage is wrong for the emulator endpoint (the e2e suite shows the
// same environment in the local stage naming these origins).
Object.assign(process.env, {
  SST_RESOURCE_App: JSON.stringify({ name: "ledgerline", stage: "production" }),
  SST_RESOURCE_Files: JSON.stringify({ name: "ledgerline-files" }),
  SST_RESOURCE_UserPool: JSON.stringify({ id: "us-east-1_pool" }),
  SST_RESOURCE_UserPoolClient: JSON.stringify({ id: "client" }),
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "local",
  AWS_SECRET_ACCESS_KEY: "local",
  AWS_ENDPOINT_URL_S3: "http://127.0.0.1:9000",
});

describe("a page's CSP in a deployed stage pointed at an emulator", () => {
  it("fails closed and says why in the log", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const { pageCspFor } = await import("./page-csp");
    expect(await pageCspFor("bm9uY2U=")).toBe(LOCKED_DOWN_CSP);
    expect(String(logged.mock.calls[0]?.[0])).toContain("AWS_ENDPOINT_URL_S3 points the AWS SDK at an emulator");
  });
});
