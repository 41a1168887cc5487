import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { NotFoundError } from "./errors";
import { problemResponse } from "./http/problem";
import { isServiceUnreachable } from "./service-unreachable";

const withCode = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:8000`), { code });
const named = (name: string) => Object.assign(new Error("a request has exceeded the configured requestTimeout"), { name });

describe("isServiceUnreachable", () => {
  it.each(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT"])("counts a socket error %s", (code) => {
    expect(isServiceUnreachable(withCode(code))).toBe(true);
  });

  it("counts the SDK's timeouts, also when wrapped as a cause", () => {
    expect(isServiceUnreachable(named("TimeoutError"))).toBe(true);
    expect(isServiceUnreachable(new Error("failed", { cause: withCode("ECONNREFUSED") }))).toBe(true);
  });

  it("does not count answers from the service or our own errors", () => {
    expect(isServiceUnreachable(new ConditionalCheckFailedException({ message: "failed", $metadata: {} }))).toBe(false);
    expect(isServiceUnreachable(new NotFoundError())).toBe(false);
    expect(isServiceUnreachable(new Error("boom"))).toBe(false);
    expect(isServiceUnreachable("ECONNREFUSED")).toBe(false);
  });
});

describe("problemResponse of an unreachable service", () => {
  it("is a 503 problem with Retry-After, not a 500", async () => {
    const res = problemResponse(withCode("ECONNREFUSED"), "r");
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.headers.get("retry-after")).toBe("2");
    expect(await res.json()).toMatchObject({ status: 503, type: "https://ledgerline.dev/problems/service-unavailable", requestId: "r" });
  });

  it("leaves other failures a generic 500", () => {
    expect(problemResponse(new Error("boom"), "r").status).toBe(500);
  });
});
