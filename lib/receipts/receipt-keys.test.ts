import { describe, expect, it } from "vitest";
import { parseReceiptKey, receiptKey, thumbnailKeyOf } from "./receipt-keys";

const EXPENSE = "01JQ3Z8K4M5N6P7Q8R9S0T1V2W";
const UPLOAD = "01JQ3Z9AAAAAAAAAAAAAAAAAAA";
const USER = "3f1c2b7a-9d4e-4f0a-8b6c-2d5e7f9a1b3c";

describe("receipt keys", () => {
  it("round-trips the parts of an upload key", () => {
    const key = receiptKey({ userId: USER, expenseId: EXPENSE, uploadId: UPLOAD });
    expect(key).toBe(`receipts/${USER}/${EXPENSE}/${UPLOAD}`);
    expect(parseReceiptKey(key)).toEqual({ userId: USER, expenseId: EXPENSE, uploadId: UPLOAD });
  });

  it("does not take a thumbnail, another prefix or a traversal for an upload", () => {
    const key = receiptKey({ userId: USER, expenseId: EXPENSE, uploadId: UPLOAD });
    for (const other of [thumbnailKeyOf(key), `imports/${USER}/${EXPENSE}/${UPLOAD}`, `receipts/../${EXPENSE}/${UPLOAD}`, `receipts/${USER}/${EXPENSE}/${UPLOAD}/x`, `receipts/${USER}/${EXPENSE}`]) {
      expect(parseReceiptKey(other), other).toBeUndefined();
    }
  });

  it("refuses to build a key from ids that could leave the prefix", () => {
    expect(() => receiptKey({ userId: "../other", expenseId: EXPENSE, uploadId: UPLOAD })).toThrow();
    expect(() => receiptKey({ userId: USER, expenseId: "../../x", uploadId: UPLOAD })).toThrow();
  });
});
