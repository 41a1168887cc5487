import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { toProblem } from "../http/problem";
import { BudgetsPutSchema, MAX_BUDGETS } from "../schemas";

function fieldErrors(body: unknown): { path: string; message: string }[] {
  const parsed = BudgetsPutSchema.safeParse(body);
  if (parsed.success) throw new Error("expected a validation failure");
  expect(parsed.error).toBeInstanceOf(ZodError);
  return toProblem(parsed.error, "test").errors as { path: string; message: string }[];
}

const entry = (category: string, currency: string, limit: string) => ({ category, currency, limit });

describe("BudgetsPutSchema", () => {
  it("parses limits into minor units exactly, with each currency's decimals", () => {
    expect(BudgetsPutSchema.parse({ budgets: [entry("Food", "EUR", "400.5"), entry("Travel", "JPY", "50000"), entry("Food", "KWD", "1.234")] })).toEqual({
      budgets: [
        { category: "Food", currency: "EUR", limitMinor: 40050n },
        { category: "Travel", currency: "JPY", limitMinor: 50000n },
        { category: "Food", currency: "KWD", limitMinor: 1234n },
      ],
    });
  });

  it("canonicalises default categories like expenses do", () => {
    expect(BudgetsPutSchema.parse({ budgets: [entry("  food ", "EUR", "1")] }).budgets[0]?.category).toBe("Food");
  });

  it("drops a zero limit (it removes the budget)", () => {
    expect(BudgetsPutSchema.parse({ budgets: [entry("Food", "EUR", "0"), entry("Travel", "EUR", "0.00"), entry("Fun", "JPY", "000")] })).toEqual({ budgets: [] });
  });

  it("accepts an empty list (every budget removed)", () => {
    expect(BudgetsPutSchema.parse({ budgets: [] })).toEqual({ budgets: [] });
  });

  it("names a repeated category x currency at its index, also after canonicalising", () => {
    expect(fieldErrors({ budgets: [entry("Food", "EUR", "1"), entry("Travel", "EUR", "2"), entry("food", "EUR", "0")] })).toEqual([
      { path: "budgets.2", message: "repeats budgets.0 (Food, EUR)" },
    ]);
  });

  it("allows one category in several currencies", () => {
    expect(BudgetsPutSchema.parse({ budgets: [entry("Food", "EUR", "1"), entry("Food", "USD", "2")] }).budgets).toHaveLength(2);
  });

  it.each([
    [entry("Food", "EUR", "1.234"), "budgets.0.limit", "EUR allows at most 2 decimals"],
    [entry("Food", "JPY", "1.5"), "budgets.0.limit", "JPY has no decimals"],
    [entry("Food", "EUR", "0.000"), "budgets.0.limit", "EUR allows at most 2 decimals"],
    [entry("Food", "EUR", "10000000000.00"), "budgets.0.limit", expect.stringContaining("must be less than")],
    [entry("Food", "EUR", "-5"), "budgets.0.limit", expect.any(String)],
    [entry("Food", "EUR", "1e3"), "budgets.0.limit", expect.any(String)],
    [entry("Food", "XXY", "5"), "budgets.0.currency", expect.any(String)],
    [entry("", "EUR", "5"), "budgets.0.category", "must not be empty"],
  ])("refuses %j naming %s", (budget, path, message) => {
    expect(fieldErrors({ budgets: [budget] })).toContainEqual({ path, message });
  });

  it("refuses a number as a limit (amounts are decimal strings)", () => {
    expect(fieldErrors({ budgets: [{ category: "Food", currency: "EUR", limit: 12.5 }] }).map((e) => e.path)).toEqual(["budgets.0.limit"]);
  });

  it("refuses unknown fields in the body and in entries", () => {
    expect(fieldErrors({ budgets: [], userId: "x" }).map((e) => e.path)).toEqual(["userId"]);
    expect(fieldErrors({ budgets: [{ ...entry("Food", "EUR", "1"), month: "2025-01" }] }).map((e) => e.path)).toEqual(["budgets.0.month"]);
  });

  it(`refuses more than ${MAX_BUDGETS} entries`, () => {
    const many = Array.from({ length: MAX_BUDGETS + 1 }, (_, i) => entry(`Category ${i}`, "EUR", "1"));
    expect(fieldErrors({ budgets: many }).map((e) => e.path)).toEqual(["budgets"]);
    expect(BudgetsPutSchema.parse({ budgets: many.slice(0, MAX_BUDGETS) }).budgets).toHaveLength(MAX_BUDGETS);
  });

  it("refuses a body without the list", () => {
    expect(fieldErrors({}).map((e) => e.path)).toEqual(["budgets"]);
    expect(fieldErrors([]).map((e) => e.path)).toEqual(["(body)"]);
  });
});
