import { beforeAll, describe, expect, it, vi } from "vitest";
import { LOCKED_DOWN_CSP } from "@/lib/http/security-headers";

beforeAll(() => {
  for (const name of Object.keys(process.env)) if (name.startsWith("SST_RESOURCE_") || name.startsWith("AWS_ENDPOINT_URL")) delete process.env[name];
});

describe("a page's CSP when the stage is unknown", () => {
  it("fails closed: the page may load and reach nothing", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const { pageCspFor } = await import("./page-csp");
    expect(await pageCspFor("bm9uY2U=")).toBe(LOCKED_DOWN_CSP);
    expect(LOCKED_DOWN_CSP).toMatch(/^default-src 'none'/);
    expect(String(logged.mock.calls[0]?.[0])).toContain("does not know its stage");
  });
});
