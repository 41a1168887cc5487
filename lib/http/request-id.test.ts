import { describe, expect, it } from "vitest";
import { withProblem } from "./problem";
import { requestIdOf } from "./request-id";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const headers = (value?: string) => new Headers(value === undefined ? {} : { "x-request-id": value });

describe("the request id", () => {
  it("keeps a client's plain token", () => {
    for (const id of ["3f0c1a52-8f4e-4a4b-9d3e-1c2b3a4d5e6f", "01JQ3Z8K4M5N6P7Q8R9S0T1V2W", "Root=1-67891233-abcdef012345678912345678", "a.b_c:d-e"]) {
      expect(requestIdOf(headers(id))).toBe(id);
    }
  });

  it("replaces anything else with a new UUID: none, empty, quotes or JSON, spaces, over 128 characters", () => {
    for (const sent of [undefined, "", '"}, {"level":"info', "two words", "x".repeat(129), "-starts-with-dash", "ümlaut"]) {
      expect(requestIdOf(headers(sent))).toMatch(UUID);
    }
  });

  it("is what a route answers under: a forged id is not echoed", async () => {
    const route = withProblem(async () => new Response(null, { status: 204 }));
    const forged = await route(new Request("http://app/api/x", { headers: { "x-request-id": '{"admin":true}' } }));
    expect(forged.headers.get("x-request-id")).toMatch(UUID);
    const kept = await route(new Request("http://app/api/x", { headers: { "x-request-id": "trace-42" } }));
    expect(kept.headers.get("x-request-id")).toBe("trace-42");
  });
});
