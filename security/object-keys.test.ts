import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importObjectKey, parseImportKey } from "@/lib/imports/import-files";
import { parseReceiptKey, receiptKey, receiptPrefix, thumbnailKeyOf } from "@/lib/receipts/receipt-keys";

const SEED = 20_261_202;
const ULID = "01JQ3Z8K4M5N6P7Q8R9S0T1V2W";
const USER = "3f1c2b7a-9d4e-4f0a-8b6c-2d5e7f9a1b3c";
/** Ids a request could carry: traversal, separators, null bytes, unicode, the real shapes and near misses. */
const part = fc.oneof(
  fc.constantFrom("", ".", "..", "../x", "a/b", "a\\b", "%2e%2e%2f", "\u0000", `${ULID}/..`, `../${USER}`, ULID, USER, ULID.toLowerCase(), `${ULID}\u0000`, "💸", "x".repeat(300)),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.stringMatching(/^[0-9A-Z]{26}$/),
  fc.uuid(),
);

/** Builds the key, or undefined when the builder refuses the parts. */
function built(build: () => string): string | undefined {
  try {
    return build();
  } catch {
    return undefined;
  }
}

describe("object keys built from ids", () => {
  it("a receipt key is either refused or stays under receipts/<user>/<expense>/, and reads back to its parts", () => {
    let accepted = 0;
    fc.assert(
      fc.property(part, part, part, (userId, expenseId, uploadId) => {
        const key = built(() => receiptKey({ userId, expenseId, uploadId }));
        if (key === undefined) return;
        accepted++;
        const prefix = receiptPrefix(userId, expenseId);
        expect(prefix).toBe(`receipts/${userId}/${expenseId}/`);
        expect(key.startsWith(prefix)).toBe(true);
        expect(key.split("/")).toHaveLength(4);
        expect(key.split("/").some((segment) => segment === "." || segment === ".." || segment === "")).toBe(false);
        expect(thumbnailKeyOf(key).startsWith(prefix)).toBe(true);
        expect(parseReceiptKey(key)).toEqual({ userId, expenseId, uploadId });
      }),
      { seed: SEED, numRuns: 3_000 },
    );
    // The control: real-shaped ids were among the runs and were accepted.
    expect(accepted).toBeGreaterThan(0);
  });

  it("a key the receipt function accepts is exactly the key built from its parts", () => {
    const keyLike = fc.tuple(part, part, part).map((parts) => `receipts/${parts.join("/")}`);
    fc.assert(
      fc.property(fc.oneof(keyLike, fc.string()), (key) => {
        const parts = parseReceiptKey(key);
        if (parts) expect(receiptKey(parts)).toBe(key);
      }),
      { seed: SEED, numRuns: 3_000 },
    );
    expect(parseReceiptKey(`receipts/${USER}/${ULID}/${ULID}`)).toEqual({ userId: USER, expenseId: ULID, uploadId: ULID });
  });

  it("an import key is either refused or exactly imports/<user>/<import>.csv, and reads back to its parts", () => {
    fc.assert(
      fc.property(part, part, (userId, importId) => {
        const key = built(() => importObjectKey(userId, importId));
        if (key === undefined) return;
        expect(key).toBe(`imports/${userId}/${importId}.csv`);
        expect(parseImportKey(key)).toEqual({ userId, importId });
      }),
      { seed: SEED, numRuns: 3_000 },
    );
    expect(() => importObjectKey(USER, "../../receipts/x")).toThrow();
    expect(importObjectKey(USER, ULID)).toBe(`imports/${USER}/${ULID}.csv`);
  });
});
