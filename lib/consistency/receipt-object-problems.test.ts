import { describe, expect, it } from "vitest";
import { receiptObjectProblems, type ReceiptOwner } from "./receipt-object-problems";

const USER = "0b7f4c1e-9f7a-4a55-8c61-2f3a7d1e9b10";
const EXPENSE = "01JQ4ZD6W8Y1T9Q3M5B7N2C4XA";
const OTHER = "01JQ4ZD6W8Y1T9Q3M5B7N2C4XB";
const UPLOAD = "01JQ4ZE0000000000000000000";
const key = (expense: string, upload = UPLOAD) => `receipts/${USER}/${expense}/${upload}`;

const ready: ReceiptOwner = {
  userId: USER,
  id: EXPENSE,
  referenced: [key(EXPENSE), `${key(EXPENSE)}.thumb.webp`],
  required: [key(EXPENSE), `${key(EXPENSE)}.thumb.webp`],
};

describe("receiptObjectProblems", () => {
  it("finds nothing when the objects are exactly the ready receipt's file and thumbnail", () => {
    expect(receiptObjectProblems([key(EXPENSE), `${key(EXPENSE)}.thumb.webp`], [ready])).toEqual({ orphanObjects: [], unreferencedObjects: [], missingObjects: [] });
  });

  it("calls an object of a deleted expense an orphan, thumbnails and malformed keys included", () => {
    const objects = [key(OTHER), `${key(OTHER)}.thumb.webp`, "receipts/not-a-key", key(EXPENSE), `${key(EXPENSE)}.thumb.webp`];
    expect(receiptObjectProblems(objects, [ready]).orphanObjects).toEqual([key(OTHER), `${key(OTHER)}.thumb.webp`, "receipts/not-a-key"].sort());
  });

  it("calls an object of a live expense that its receipt does not name unreferenced", () => {
    const older = key(EXPENSE, "01JQ4ZC0000000000000000000");
    const problems = receiptObjectProblems([older, key(EXPENSE), `${key(EXPENSE)}.thumb.webp`], [ready]);
    expect(problems).toEqual({ orphanObjects: [], unreferencedObjects: [older], missingObjects: [] });
  });

  it("reports the files a ready receipt names and the bucket lacks", () => {
    expect(receiptObjectProblems([key(EXPENSE)], [ready]).missingObjects).toEqual([{ userId: USER, id: EXPENSE, key: `${key(EXPENSE)}.thumb.webp` }]);
  });

  it("lets a pending upload's object be there or not", () => {
    const pending: ReceiptOwner = { ...ready, required: [] };
    expect(receiptObjectProblems([], [pending])).toEqual({ orphanObjects: [], unreferencedObjects: [], missingObjects: [] });
    expect(receiptObjectProblems([key(EXPENSE)], [pending])).toEqual({ orphanObjects: [], unreferencedObjects: [], missingObjects: [] });
  });
});
