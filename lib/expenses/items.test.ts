import { describe, expect, it } from "vitest";
import { z } from "zod";
import { aggregateCells, aggregateUpdate, dateKeyRange, indexKeyOf, parseStored, toExpense, toExpenseItem } from "./items";
import { newExpense } from "./expense";
import { newExpenseInput } from "./test-support";

const ID = "01JQ3Z8K4M5N6P7Q8R9S0T1V2W";

describe("table layout", () => {
  it("round-trips an expense through its item, with the index keys DESIGN names", () => {
    const expense = newExpense(newExpenseInput({ merchant: "Café", category: "Travel" }), ID, new Date("2025-03-14T09:00:00Z"));
    const item = toExpenseItem("user-1", expense);
    expect(item).toMatchObject({ userId: "user-1", sk: `EXP#${ID}`, dateKey: `2025-03-14#${ID}`, catKey: "user-1#Travel", search: "lunch\ncafé" });
    expect(toExpense(item)).toEqual(expense);
  });

  it("brackets a date range so every id of the last day is inside", () => {
    const { low, high } = dateKeyRange("2025-03-01", "2025-03-31");
    expect(`2025-03-31#${ID}` <= high && `2025-03-01#${ID}` >= low).toBe(true);
    expect(`2025-04-01#${ID}` > high && `2025-02-28#${ID}` < low).toBe(true);
  });

  it("builds the key DynamoDB resumes from for each index", () => {
    const item = { userId: "u", sk: "EXP#1", dateKey: "d#1", catKey: "u#Food", amountMinor: 5 };
    expect(indexKeyOf("byDate", item)).toEqual({ userId: "u", sk: "EXP#1", dateKey: "d#1" });
    expect(indexKeyOf("byCategory", item)).toEqual({ userId: "u", sk: "EXP#1", dateKey: "d#1", catKey: "u#Food" });
  });

  it("adds to one top-level attribute per cell, with names out of the expression", () => {
    const update = aggregateUpdate([{ month: "2025-03", currency: "EUR", category: "Food & drink", totalMinor: -250n, count: -1 }]);
    expect(update).toEqual({
      UpdateExpression: "ADD #t0 :t0, #n0 :n0",
      ExpressionAttributeNames: { "#t0": "t#EUR#Food & drink", "#n0": "n#EUR#Food & drink" },
      ExpressionAttributeValues: { ":t0": -250n, ":n0": -1 },
    });
  });

  it("reads cells back, including categories with # in their name, and skips emptied cells", () => {
    const cells = aggregateCells({ userId: "u", sk: "AGG#2025-03", "t#EUR#A#B": 2n ** 60n, "n#EUR#A#B": 3, "t#JPY#Food": 0, "n#JPY#Food": 0 });
    expect(cells).toEqual([{ month: "2025-03", currency: "EUR", category: "A#B", totalMinor: 2n ** 60n, count: 3 }]);
  });

  it("reports a stored item that does not fit as an internal error, not a validation error", () => {
    expect(() => parseStored(z.object({ a: z.string() }), { a: 1 }, "thing")).toThrow(/stored thing does not match/);
    expect(() => toExpense({ userId: "u", sk: "EXP#1" })).not.toThrow(z.ZodError);
    expect(() => toExpense({ userId: "u", sk: "EXP#1" })).toThrow(Error);
  });

  it("leaves out a receipt state of a shape it does not know", () => {
    const item = { ...toExpenseItem("u", newExpense(newExpenseInput(), ID, new Date())), receipt: { status: "scanning" } };
    expect(toExpense(item)).not.toHaveProperty("receipt");
  });
});
