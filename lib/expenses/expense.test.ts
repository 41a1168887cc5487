import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors";
import { ExpensePatchSchema } from "../schemas";
import { applyPatch, newExpense, toExpenseJson } from "./expense";
import { newExpenseInput } from "./test-support";

const created = new Date("2025-03-14T09:00:00.000Z");
const later = new Date("2025-03-15T10:30:00.000Z");
const ID = "01JQ3Z8K4M5N6P7Q8R9S0T1V2W";
const expense = (overrides = {}) => newExpense(newExpenseInput(overrides), ID, created);
const patch = (body: Record<string, unknown>) => ExpensePatchSchema.parse(body);

describe("newExpense", () => {
  it("starts at version 1 with both instants set to now", () => {
    expect(expense()).toMatchObject({ id: ID, version: 1, createdAt: "2025-03-14T09:00:00.000Z", updatedAt: "2025-03-14T09:00:00.000Z" });
  });

  it("serialises the amount with the currency's decimals", () => {
    expect(toExpenseJson(expense({ amount: "7", currency: "KWD" })).amount).toBe("7.000");
  });
});

describe("applyPatch", () => {
  it("bumps the version and updatedAt, keeping createdAt", () => {
    expect(applyPatch(expense(), patch({ description: "Dinner" }), later)).toMatchObject({
      description: "Dinner",
      version: 2,
      createdAt: "2025-03-14T09:00:00.000Z",
      updatedAt: "2025-03-15T10:30:00.000Z",
    });
  });

  it("reads an amount without currency in the stored currency", () => {
    expect(applyPatch(expense({ currency: "JPY", amount: "100" }), patch({ amount: "250" }), later).amountMinor).toBe(250n);
    expect(() => applyPatch(expense({ currency: "JPY", amount: "100" }), patch({ amount: "2.50" }), later)).toThrow(ValidationError);
  });

  it("clears merchant and tags with null and leaves them alone when absent", () => {
    const withBoth = expense({ merchant: "Shop", tags: ["a"] });
    expect(applyPatch(withBoth, patch({ amount: "1" }), later)).toMatchObject({ merchant: "Shop", tags: ["a"] });
    const cleared = applyPatch(withBoth, patch({ merchant: null, tags: null }), later);
    expect(cleared).not.toHaveProperty("merchant");
    expect(cleared).not.toHaveProperty("tags");
  });
});
