import { describe, expect, it } from "vitest";
import { z } from "zod";
import { aggregateCells, aggregateKey, aggregateRange, aggregateUpdate, dateKeyRange, indexKeyOf, isLegacyAggregate, parseStored, toExpense, toExpenseItem } from "./items";
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

  it("keys aggregates by month and category, and bounds a range of months around every category", () => {
    expect(aggregateKey("u", "2025-03", "Food & drink")).toEqual({ userId: "u", sk: "AGG#2025-03#Food & drink" });
    const { low, high } = aggregateRange("2025-03", "2025-04");
    const inside = ["AGG#2025-03", "AGG#2025-03#A", "AGG#2025-04#~~~", "AGG#2025-04#\u{10FFFF}", "AGG#2025-04#$"];
    const outside = ["AGG#2025-02#Food", "AGG#2025-05", "AGG#2025-05#A", "EXP#01J"];
    // DynamoDB orders string keys by their UTF-8 bytes.
    const bytes = (text: string) => Buffer.from(text, "utf8");
    const within = (sk: string) => Buffer.compare(bytes(low), bytes(sk)) <= 0 && Buffer.compare(bytes(sk), bytes(high)) <= 0;
    expect(inside.filter(within)).toEqual(inside);
    expect(outside.filter(within)).toEqual([]);
  });

  it("adds to one top-level attribute per currency, with names out of the expression", () => {
    const update = aggregateUpdate([{ month: "2025-03", currency: "EUR", category: "Food & drink", totalMinor: -250n, count: -1 }]);
    expect(update).toEqual({
      UpdateExpression: "ADD #t0 :t0, #n0 :n0",
      ExpressionAttributeNames: { "#t0": "t#EUR", "#n0": "n#EUR" },
      ExpressionAttributeValues: { ":t0": -250n, ":n0": -1 },
    });
  });

  it("reads cells back, including categories with # in their name, and skips emptied cells", () => {
    const cells = aggregateCells({ userId: "u", sk: "AGG#2025-03#A#B", "t#EUR": 2n ** 60n, "n#EUR": 3, "t#JPY": 0, "n#JPY": 0 });
    expect(cells).toEqual([{ month: "2025-03", currency: "EUR", category: "A#B", totalMinor: 2n ** 60n, count: 3 }]);
  });

  it("reads a legacy month item (cells named by currency and category) the same way", () => {
    const legacy = { userId: "u", sk: "AGG#2025-03", "t#EUR#A#B": 5n, "n#EUR#A#B": 1, "t#JPY#Food": 900, "n#JPY#Food": 2 };
    expect(isLegacyAggregate(legacy)).toBe(true);
    expect(isLegacyAggregate({ sk: "AGG#2025-03#Food" })).toBe(false);
    expect(aggregateCells(legacy)).toEqual([
      { month: "2025-03", currency: "EUR", category: "A#B", totalMinor: 5n, count: 1 },
      { month: "2025-03", currency: "JPY", category: "Food", totalMinor: 900n, count: 2 },
    ]);
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
