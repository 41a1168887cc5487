/**
 * The aggregate invariant: every month x category x currency cell of a user's aggregate items equals the sum
 * (and count) of that user's expenses in that cell. Pure; sums are bigint minor units, never floats. The sums
 * are computed here from the items themselves, not with lib/expenses/aggregate.ts's deltas, so a bug there
 * cannot hide from this check.
 */
export type ExpenseCellEntry = { userId: string; date: string; currency: string; category: string; amountMinor: bigint };
export type StoredAggregateCell = { userId: string; month: string; currency: string; category: string; totalMinor: bigint; count: number };

/** Totals as decimal strings of minor units, so a report is plain JSON. */
export type CellTotals = { totalMinor: string; count: number };
export type AggregateMismatch = { userId: string; month: string; category: string; currency: string; stored: CellTotals; fromItems: CellTotals };

type Sum = { userId: string; month: string; category: string; currency: string; totalMinor: bigint; count: number };

const cellId = (c: { userId: string; month: string; category: string; currency: string }) => JSON.stringify([c.userId, c.month, c.category, c.currency]);

export function aggregateMismatches(expenses: readonly ExpenseCellEntry[], stored: readonly StoredAggregateCell[]): AggregateMismatch[] {
  const fromItems = new Map<string, Sum>();
  for (const e of expenses) {
    const cell = { userId: e.userId, month: e.date.slice(0, 7), category: e.category, currency: e.currency };
    const sum = fromItems.get(cellId(cell)) ?? { ...cell, totalMinor: 0n, count: 0 };
    fromItems.set(cellId(cell), { ...sum, totalMinor: sum.totalMinor + e.amountMinor, count: sum.count + 1 });
  }
  const storedCells = new Map<string, Sum>();
  for (const c of stored) {
    // Two stored items may carry the same cell (the legacy month item next to its migrated copy): both count.
    const sum = storedCells.get(cellId(c)) ?? { ...c, totalMinor: 0n, count: 0 };
    storedCells.set(cellId(c), { ...sum, totalMinor: sum.totalMinor + c.totalMinor, count: sum.count + c.count });
  }
  const zero: Omit<Sum, "userId" | "month" | "category" | "currency"> = { totalMinor: 0n, count: 0 };
  const mismatches: AggregateMismatch[] = [];
  for (const id of new Set([...fromItems.keys(), ...storedCells.keys()])) {
    const items = fromItems.get(id);
    const kept = storedCells.get(id);
    const cell = items ?? kept;
    if (!cell) continue;
    const a = kept ?? zero;
    const b = items ?? zero;
    if (a.totalMinor === b.totalMinor && a.count === b.count) continue;
    mismatches.push({
      userId: cell.userId,
      month: cell.month,
      category: cell.category,
      currency: cell.currency,
      stored: { totalMinor: a.totalMinor.toString(), count: a.count },
      fromItems: { totalMinor: b.totalMinor.toString(), count: b.count },
    });
  }
  return mismatches.sort((x, y) => (cellId(x) < cellId(y) ? -1 : 1));
}
