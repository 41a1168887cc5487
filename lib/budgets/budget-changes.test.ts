import { describe, expect, it } from "vitest";
import { budgetChanges, groupByCategory } from "./budget-changes";
import { toBudgetItem, toBudgets, toCategoryLimits, type CategoryLimits } from "./budget-items";

const limits = (category: string, entries: Record<string, bigint>): CategoryLimits => ({ category, limits: new Map(Object.entries(entries)) });

describe("groupByCategory", () => {
  it("makes one item per category with its currencies", () => {
    expect(
      groupByCategory([
        { category: "Food", currency: "EUR", limitMinor: 100n },
        { category: "Travel", currency: "JPY", limitMinor: 5n },
        { category: "Food", currency: "USD", limitMinor: 200n },
      ]),
    ).toEqual([limits("Food", { EUR: 100n, USD: 200n }), limits("Travel", { JPY: 5n })]);
  });
});

describe("budgetChanges", () => {
  const stored = [limits("Food", { EUR: 100n }), limits("Travel", { EUR: 300n, JPY: 5n })];

  it("writes nothing when the wanted budgets are the stored ones (an idempotent PUT)", () => {
    expect(budgetChanges(stored, [limits("Travel", { JPY: 5n, EUR: 300n }), limits("Food", { EUR: 100n })])).toEqual({ puts: [], deletes: [] });
  });

  it("rewrites only a category whose limits changed, gained or lost a currency", () => {
    expect(budgetChanges(stored, [limits("Food", { EUR: 101n }), limits("Travel", { EUR: 300n, JPY: 5n })]).puts).toEqual([limits("Food", { EUR: 101n })]);
    expect(budgetChanges(stored, [limits("Food", { EUR: 100n }), limits("Travel", { EUR: 300n })]).puts).toEqual([limits("Travel", { EUR: 300n })]);
    expect(budgetChanges(stored, [limits("Food", { EUR: 100n, USD: 1n }), limits("Travel", { EUR: 300n, JPY: 5n })]).puts).toEqual([limits("Food", { EUR: 100n, USD: 1n })]);
  });

  it("deletes categories left out and puts new ones", () => {
    expect(budgetChanges(stored, [limits("Health", { EUR: 1n })])).toEqual({ puts: [limits("Health", { EUR: 1n })], deletes: ["Food", "Travel"] });
    expect(budgetChanges(stored, [])).toEqual({ puts: [], deletes: ["Food", "Travel"] });
  });
});

describe("budget items", () => {
  it("round-trip through the stored shape, bigint or number", () => {
    const item = toBudgetItem("u1", limits("Food", { EUR: 40050n, JPY: 999_999_999_999n }), "2025-03-14T09:00:00.000Z");
    expect(item).toEqual({ userId: "u1", sk: "BUD#Food", category: "Food", limits: { EUR: 40050, JPY: 999_999_999_999 }, updatedAt: "2025-03-14T09:00:00.000Z" });
    expect(toCategoryLimits(item)).toEqual(limits("Food", { EUR: 40050n, JPY: 999_999_999_999n }));
    expect(toCategoryLimits({ ...item, limits: { EUR: 12n } })).toEqual(limits("Food", { EUR: 12n }));
  });

  it("refuses a stored item that does not fit as our error, not the client's", () => {
    expect(() => toCategoryLimits({ userId: "u1", sk: "BUD#Food", category: "Food", limits: { EUR: 1.5 }, updatedAt: "x" })).toThrow(/stored budget/);
  });

  it("list limits as decimal strings by category then currency", () => {
    expect(toBudgets([limits("Travel", { JPY: 5000n }), limits("Food", { USD: 1n, EUR: 40050n })])).toEqual([
      { category: "Food", currency: "EUR", limit: "400.50" },
      { category: "Food", currency: "USD", limit: "0.01" },
      { category: "Travel", currency: "JPY", limit: "5000" },
    ]);
  });
});
