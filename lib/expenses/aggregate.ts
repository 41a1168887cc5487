import type { Expense } from "./expense";

/** What an expense contributes to its month's aggregate. */
export type AggregateEntry = Pick<Expense, "date" | "currency" | "category" | "amountMinor">;

/** A change to one month x currency x category cell: minor units and expense count to add (may be negative). */
export type AggregateDelta = { month: string; currency: string; category: string; totalMinor: bigint; count: number };

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

function cellKey({ month, currency, category }: Omit<AggregateDelta, "totalMinor" | "count">): string {
  return JSON.stringify([month, currency, category]);
}

/**
 * The aggregate changes for an expense going from `before` to `after` (undefined = did not exist / deleted).
 * A change of category, currency or month moves the amount from one cell to another; changes that cancel
 * out (a new description) produce no delta at all. Sorted, so writes are deterministic.
 */
export function aggregateDeltas(before: AggregateEntry | undefined, after: AggregateEntry | undefined): AggregateDelta[] {
  const cells = new Map<string, AggregateDelta>();
  const add = (entry: AggregateEntry, sign: 1 | -1) => {
    const cell = { month: monthOf(entry.date), currency: entry.currency, category: entry.category };
    const key = cellKey(cell);
    const current = cells.get(key) ?? { ...cell, totalMinor: 0n, count: 0 };
    cells.set(key, { ...current, totalMinor: current.totalMinor + BigInt(sign) * entry.amountMinor, count: current.count + sign });
  };
  if (before) add(before, -1);
  if (after) add(after, 1);
  return [...cells.entries()]
    .filter(([, delta]) => delta.totalMinor !== 0n || delta.count !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, delta]) => delta);
}

/** Groups deltas by aggregate item (month x category): each item is updated once per transaction. */
export function deltasByItem(deltas: AggregateDelta[]): { month: string; category: string; deltas: AggregateDelta[] }[] {
  const items = new Map<string, { month: string; category: string; deltas: AggregateDelta[] }>();
  for (const delta of deltas) {
    const key = JSON.stringify([delta.month, delta.category]);
    const item = items.get(key) ?? { month: delta.month, category: delta.category, deltas: [] };
    item.deltas.push(delta);
    items.set(key, item);
  }
  return [...items.values()];
}

/** Cell totals of a set of expenses computed directly: the reference the aggregates must equal. */
export function totalsOf(entries: AggregateEntry[]): AggregateDelta[] {
  const cells = new Map<string, AggregateDelta>();
  for (const entry of entries) {
    for (const delta of aggregateDeltas(undefined, entry)) {
      const key = cellKey(delta);
      const current = cells.get(key);
      cells.set(key, current ? { ...current, totalMinor: current.totalMinor + delta.totalMinor, count: current.count + 1 } : delta);
    }
  }
  return [...cells.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, cell]) => cell);
}

/** Sums deltas of the same cell, so one item's update names each currency once (DynamoDB refuses overlaps). */
export function mergeDeltas(deltas: AggregateDelta[]): AggregateDelta[] {
  const cells = new Map<string, AggregateDelta>();
  for (const d of deltas) {
    const key = cellKey(d);
    const cell = cells.get(key);
    cells.set(key, cell ? { ...cell, totalMinor: cell.totalMinor + d.totalMinor, count: cell.count + d.count } : d);
  }
  return [...cells.values()].filter((d) => d.totalMinor !== 0n || d.count !== 0);
}
