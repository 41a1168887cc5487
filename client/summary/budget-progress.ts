import { parseAmount } from "@/lib/money";

export type BudgetLevel = "ok" | "warning" | "over";

export type BudgetProgress = { category: string; currency: string; limitMinor: bigint; spentMinor: bigint; percent: number; level: BudgetLevel };

/** 80% of a limit is a warning, more than 100% is over. Exact: compares minor units, never floats. */
export function budgetLevel(spentMinor: bigint, limitMinor: bigint): BudgetLevel {
  if (spentMinor > limitMinor) return "over";
  if (spentMinor * 5n >= limitMinor * 4n) return "warning";
  return "ok";
}

/**
 * Each monthly budget against what the month's summary rows spent in its category and currency (a budget is
 * never compared with another currency's spending).
 */
export function budgetProgress(
  budgets: readonly { category: string; currency: string; limit: string }[],
  totals: readonly { category: string; currency: string; amount: string }[],
): BudgetProgress[] {
  return budgets.map(({ category, currency, limit }) => {
    const limitMinor = parseAmount(limit, currency, "limit");
    const spentMinor = totals
      .filter((row) => row.currency === currency && row.category.toLowerCase() === category.toLowerCase())
      .reduce((sum, row) => sum + parseAmount(row.amount, row.currency), 0n);
    const percent = limitMinor === 0n ? 0 : Number((spentMinor * 1000n) / limitMinor) / 10;
    return { category, currency, limitMinor, spentMinor, percent, level: budgetLevel(spentMinor, limitMinor) };
  });
}
