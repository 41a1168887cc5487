import { describe, expect, it } from "vitest";
import { canonicalJson, idempotencyRecord, IdempotencyKeyReusedError, isLive, replay, requestHash } from "./idempotency";

describe("idempotency", () => {
  it("hashes equal requests equally whatever their key order", () => {
    expect(requestHash({ a: 1, b: [1, { d: 2, c: 3n }] })).toBe(requestHash({ b: [1, { c: 3n, d: 2 }], a: 1 }));
    expect(canonicalJson({ b: 1n, a: undefined })).toBe('{"b":"1"}');
  });

  it("hashes different requests differently", () => {
    expect(requestHash({ amountMinor: 1250n })).not.toBe(requestHash({ amountMinor: 1251n }));
  });

  it("replays a stored response for the same request and refuses another request with 422", () => {
    const record = idempotencyRecord(requestHash({ a: 1 }), { status: 201, body: "{}" }, new Date("2025-03-14T00:00:00Z"));
    expect(replay(record, requestHash({ a: 1 }))).toEqual({ status: 201, body: "{}" });
    expect(() => replay(record, requestHash({ a: 2 }))).toThrow(IdempotencyKeyReusedError);
  });

  it("lives 24 hours", () => {
    const record = idempotencyRecord("h", { status: 201, body: "{}" }, new Date("2025-03-14T00:00:00Z"));
    expect(isLive(record, new Date("2025-03-14T23:59:59Z"))).toBe(true);
    expect(isLive(record, new Date("2025-03-15T00:00:00Z"))).toBe(false);
  });
});
