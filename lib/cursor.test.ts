import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BadRequestError } from "./errors";
import { decodeCursor, encodeCursor, type CursorBinding } from "./cursor";

function binding(overrides: Partial<CursorBinding> = {}): CursorBinding {
  return { secret: "test-secret", userId: "user-a", scope: "byDate|||", ...overrides };
}

const key = { userId: "user-a", sk: "EXP#01JQ3Z8K4M5N6P7Q8R9S0T1V2W", dateKey: "2025-03-14#01JQ3Z8K4M5N6P7Q8R9S0T1V2W" };

describe("cursor", () => {
  it("round-trips the key it was given", () => {
    expect(decodeCursor(encodeCursor(key, binding()), binding())).toEqual(key);
  });

  it("is URL safe", () => {
    expect(encodeCursor(key, binding())).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it("rejects a cursor minted for another user", () => {
    const cursor = encodeCursor(key, binding({ userId: "user-b" }));
    expect(() => decodeCursor(cursor, binding())).toThrow(BadRequestError);
  });

  it("rejects a cursor minted for another query", () => {
    const cursor = encodeCursor(key, binding({ scope: "byCategory|Food||" }));
    expect(() => decodeCursor(cursor, binding())).toThrow(BadRequestError);
  });

  it("rejects a cursor signed with another secret", () => {
    const cursor = encodeCursor(key, binding({ secret: "other" }));
    expect(() => decodeCursor(cursor, binding())).toThrow(BadRequestError);
  });

  it("rejects a forged key pointing into another partition", () => {
    const [, signature] = encodeCursor(key, binding()).split(".");
    const forged = Buffer.from(JSON.stringify({ ...key, userId: "user-b" })).toString("base64url");
    expect(() => decodeCursor(`${forged}.${signature}`, binding())).toThrow(BadRequestError);
  });

  it("rejects every single-character tampering", () => {
    const cursor = encodeCursor(key, binding());
    fc.assert(
      fc.property(fc.nat({ max: cursor.length - 1 }), fc.constantFrom(..."ABCxyz019-_."), (index, char) => {
        const tampered = cursor.slice(0, index) + char + cursor.slice(index + 1);
        fc.pre(tampered !== cursor);
        // base64url may decode two spellings to the same bytes in the last character; only then may it pass.
        let decoded: unknown;
        try {
          decoded = decodeCursor(tampered, binding());
        } catch (error) {
          expect(error).toBeInstanceOf(BadRequestError);
          return;
        }
        expect(decoded).toEqual(key);
      }),
      { numRuns: 500 },
    );
  });

  it("rejects arbitrary strings with a 400 naming the cursor", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          decodeCursor(text, binding());
          expect.unreachable();
        } catch (error) {
          expect(error).toBeInstanceOf(BadRequestError);
          expect((error as BadRequestError).extra).toEqual({ errors: [{ path: "cursor", message: expect.any(String) }] });
        }
      }),
    );
  });
});
