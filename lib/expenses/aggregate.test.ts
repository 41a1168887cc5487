import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregateDeltas, deltasByItem, totalsOf, type AggregateDelta, type AggregateEntry } from "./aggregate";

function entry(overrides: Partial<AggregateEntry> = {}): AggregateEntry {
  return { date: "2025-03-14", currency: "EUR", category: "Food", amountMinor: 1250n, ...overrides };
}

describe("aggregateDeltas", () => {
  it("adds the amount and one expense on create", () => {
    expect(aggregateDeltas(undefined, entry())).toEqual([
      { month: "2025-03", currency: "EUR", category: "Food", totalMinor: 1250n, count: 1 },
    ]);
  });

  it("removes the amount and one expense on delete", () => {
    expect(aggregateDeltas(entry(), undefined)).toEqual([
      { month: "2025-03", currency: "EUR", category: "Food", totalMinor: -1250n, count: -1 },
    ]);
  });

  it("adds only the difference when the amount changes in place", () => {
    expect(aggregateDeltas(entry(), entry({ amountMinor: 2000n }))).toEqual([
      { month: "2025-03", currency: "EUR", category: "Food", totalMinor: 750n, count: 0 },
    ]);
  });

  it("moves the amount when the category changes", () => {
    expect(aggregateDeltas(entry(), entry({ category: "Travel" }))).toEqual([
      { month: "2025-03", currency: "EUR", category: "Food", totalMinor: -1250n, count: -1 },
      { month: "2025-03", currency: "EUR", category: "Travel", totalMinor: 1250n, count: 1 },
    ]);
  });

  it("moves the amount between months when the date changes month", () => {
    const deltas = aggregateDeltas(entry(), entry({ date: "2025-04-01" }));
    expect(deltasByItem(deltas).map((item) => [item.month, item.category])).toEqual([
      ["2025-03", "Food"],
      ["2025-04", "Food"],
    ]);
  });

  it("touches two items when the category changes, one per month x category", () => {
    const deltas = aggregateDeltas(entry(), entry({ category: "Travel", currency: "JPY", amountMinor: 900n }));
    expect(deltasByItem(deltas)).toEqual([
      { month: "2025-03", category: "Food", deltas: [{ month: "2025-03", currency: "EUR", category: "Food", totalMinor: -1250n, count: -1 }] },
      { month: "2025-03", category: "Travel", deltas: [{ month: "2025-03", currency: "JPY", category: "Travel", totalMinor: 900n, count: 1 }] },
    ]);
  });

  it("produces nothing when the change does not touch money", () => {
    expect(aggregateDeltas(entry(), entry({ date: "2025-03-31" }))).toEqual([]);
  });
});

type Op = { kind: "create"; entry: AggregateEntry } | { kind: "update"; index: number; entry: AggregateEntry } | { kind: "delete"; index: number };

const arbitraryEntry = fc.record({
  date: fc.constantFrom("2025-01-31", "2025-02-01", "2025-02-28", "2025-03-15"),
  currency: fc.constantFrom("EUR", "JPY", "KWD"),
  category: fc.constantFrom("Food", "Travel", "Groceries"),
  amountMinor: fc.bigInt({ min: 1n, max: 10n ** 12n - 1n }),
});
const arbitraryOp: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("create" as const), entry: arbitraryEntry }),
  fc.record({ kind: fc.constant("update" as const), index: fc.nat(), entry: arbitraryEntry }),
  fc.record({ kind: fc.constant("delete" as const), index: fc.nat() }),
);

function cellsOf(deltas: AggregateDelta[]): Map<string, AggregateDelta> {
  return new Map(deltas.map((d) => [`${d.month}|${d.currency}|${d.category}`, d]));
}

describe("aggregate invariant", () => {
  it("aggregates equal the sum of their items after any sequence of writes", () => {
    fc.assert(
      fc.property(fc.array(arbitraryOp, { maxLength: 60 }), (ops) => {
        const items: AggregateEntry[] = [];
        const aggregate = new Map<string, AggregateDelta>();
        const apply = (deltas: AggregateDelta[]) => {
          for (const [key, delta] of cellsOf(deltas)) {
            const current = aggregate.get(key);
            aggregate.set(key, current ? { ...current, totalMinor: current.totalMinor + delta.totalMinor, count: current.count + delta.count } : delta);
          }
        };
        for (const op of ops) {
          if (op.kind === "create") {
            apply(aggregateDeltas(undefined, op.entry));
            items.push(op.entry);
          } else if (items.length > 0) {
            const index = op.index % items.length;
            const before = items[index];
            const after = op.kind === "update" ? op.entry : undefined;
            apply(aggregateDeltas(before, after));
            if (after) items[index] = after;
            else items.splice(index, 1);
          }
        }
        const nonEmpty = [...aggregate.values()].filter((cell) => cell.count !== 0 || cell.totalMinor !== 0n);
        expect(cellsOf(nonEmpty)).toEqual(cellsOf(totalsOf(items)));
      }),
      { numRuns: 500 },
    );
  });
});
