import type { CategoryLimits } from "./budget-items";

export type BudgetChanges = {
  /** Categories whose item is written in full (new, or any limit changed). */
  puts: CategoryLimits[];
  /** Categories whose item is removed (no limit left). */
  deletes: string[];
};

export type WantedLimit = { category: string; currency: string; limitMinor: bigint };

/** The wanted limits grouped by category (the items they make). */
export function groupByCategory(wanted: WantedLimit[]): CategoryLimits[] {
  const categories = new Map<string, Map<string, bigint>>();
  for (const { category, currency, limitMinor } of wanted) {
    const limits = categories.get(category) ?? new Map<string, bigint>();
    limits.set(currency, limitMinor);
    categories.set(category, limits);
  }
  return [...categories].map(([category, limits]) => ({ category, limits }));
}

function sameLimits(a: Map<string, bigint>, b: Map<string, bigint>): boolean {
  return a.size === b.size && [...a].every(([currency, minor]) => b.get(currency) === minor);
}

/**
 * What turns the stored budgets into the wanted ones (a replace): unchanged categories are not written, so
 * repeating a PUT writes nothing and editing one limit writes one item.
 */
export function budgetChanges(stored: CategoryLimits[], wanted: CategoryLimits[]): BudgetChanges {
  const before = new Map(stored.map(({ category, limits }) => [category, limits]));
  const after = new Set(wanted.map(({ category }) => category));
  return {
    puts: wanted.filter(({ category, limits }) => {
      const old = before.get(category);
      return old === undefined || !sameLimits(old, limits);
    }),
    deletes: stored.filter(({ category }) => !after.has(category)).map(({ category }) => category),
  };
}
