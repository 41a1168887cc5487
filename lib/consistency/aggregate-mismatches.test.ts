import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { totalsOf } from "../expenses/aggregate";
import { aggregateMismatches, type ExpenseCellEntry, type StoredAggregateCell } from "./aggregate-mismatches";

const entry = (overrides: Partial<ExpenseCellEntry> = {}): ExpenseCellEntry => ({
  userId: "u1",
  date: "2025-03-14",
  currency: "EUR",
  category: "Food",
  amountMinor: 1250n,
  ...overrides,
});
const cell = (overrides: Partial<StoredAggregateCell> = {}): StoredAggregateCell => ({
  userId: "u1",
  month: "2025-03",
  currency: "EUR",
  category: "Food",
  totalMinor: 1250n,
  count: 1,
  ...overrides,
});

/** What the writes keep per user: lib/expenses/aggregate.ts's totals, the code under check. */
function storedAsWritten(expenses: ExpenseCellEntry[]): StoredAggregateCell[] {
  const users = [...new Set(expenses.map((e) => e.userId))];
  return users.flatMap((userId) => totalsOf(expenses.filter((e) => e.userId === userId)).map((t) => ({ userId, ...t })));
}

const expenseArb = fc.record({
  userId: fc.constantFrom("u1", "u2"),
  date: fc.constantFrom("2025-01-31", "2025-02-01", "2025-02-28", "2025-03-01"),
  currency: fc.constantFrom("EUR", "JPY", "KWD"),
  category: fc.constantFrom("Food", "Travel", "Rent #2"),
  amountMinor: fc.bigInt({ min: 1n, max: 10n ** 12n - 1n }),
});

describe("aggregateMismatches", () => {
  it("finds nothing when every cell equals the sum of its items", () => {
    fc.assert(fc.property(fc.array(expenseArb, { maxLength: 40 }), (expenses) => {
        expect(aggregateMismatches(expenses, storedAsWritten(expenses))).toEqual([]);
      }),
    );
  });

  it("reports exactly the cell whose stored total or count was changed, with both sides", () => {
    fc.assert(
      fc.property(fc.array(expenseArb, { minLength: 1, maxLength: 40 }), fc.nat(), fc.bigInt({ min: -5n, max: 5n }).filter((d) => d !== 0n), fc.boolean(), (expenses, pick, delta, onCount) => {
        const stored = storedAsWritten(expenses);
        const i = pick % stored.length;
        const target = stored[i];
        if (!target) throw new Error("no cell");
        const broken = { ...target, ...(onCount ? { count: target.count + Number(delta) } : { totalMinor: target.totalMinor + delta }) };
        const mismatches = aggregateMismatches(expenses, stored.map((c, j) => (j === i ? broken : c)));
        expect(mismatches).toEqual([
          {
            userId: target.userId,
            month: target.month,
            category: target.category,
            currency: target.currency,
            stored: { totalMinor: broken.totalMinor.toString(), count: broken.count },
            fromItems: { totalMinor: target.totalMinor.toString(), count: target.count },
          },
        ]);
      }),
    );
  });

  it("reports an expense its aggregate does not count, and an aggregate with no expense left", () => {
    expect(aggregateMismatches([entry()], [])).toEqual([
      { userId: "u1", month: "2025-03", category: "Food", currency: "EUR", stored: { totalMinor: "0", count: 0 }, fromItems: { totalMinor: "1250", count: 1 } },
    ]);
    expect(aggregateMismatches([], [cell({ currency: "JPY", totalMinor: 500n })])).toEqual([
      { userId: "u1", month: "2025-03", category: "Food", currency: "JPY", stored: { totalMinor: "500", count: 1 }, fromItems: { totalMinor: "0", count: 0 } },
    ]);
  });

  it("accepts an emptied cell (every expense deleted) but not one left with money and no count", () => {
    expect(aggregateMismatches([], [cell({ totalMinor: 0n, count: 0 })])).toEqual([]);
    expect(aggregateMismatches([], [cell({ totalMinor: 1n, count: 0 })])).toHaveLength(1);
  });

  it("keeps users, months and currencies apart", () => {
    const stored = [cell(), cell({ userId: "u2" })];
    expect(aggregateMismatches([entry(), entry({ userId: "u2" })], stored)).toEqual([]);
    expect(aggregateMismatches([entry(), entry({ userId: "u2", date: "2025-04-01" })], stored).map((m) => [m.userId, m.month])).toEqual([
      ["u2", "2025-03"],
      ["u2", "2025-04"],
    ]);
  });

  it("sums past 2^53 minor units exactly", () => {
    const big = 10n ** 12n - 1n;
    const expenses = Array.from({ length: 10_000 }, () => entry({ amountMinor: big }));
    expect(aggregateMismatches(expenses, [cell({ totalMinor: big * 10_000n, count: 10_000 })])).toEqual([]);
    expect(aggregateMismatches(expenses, [cell({ totalMinor: big * 10_000n - 1n, count: 10_000 })])).toHaveLength(1);
  });
});
