import { DEFAULT_CATEGORIES, type ExpenseJson } from "@/lib/schemas";

/** How many recently used categories lead the picker. */
export const RECENT_CATEGORY_COUNT = 5;

type Used = Pick<ExpenseJson, "category" | "updatedAt">;

const keyOf = (name: string) => name.trim().toLowerCase();

/**
 * The category picker's options: the ones most recently written (by `updatedAt`, so a back-dated expense
 * entered today counts as recent), then the defaults, then the rest of the user's own names A–Z. `named`
 * adds names known from elsewhere (budgets, the URL's filter). Names that differ only in case are one option,
 * spelled as most recently used.
 */
export function categoryOptions(used: readonly Used[], named: readonly string[] = [], recentCount = RECENT_CATEGORY_COUNT): string[] {
  const byRecency = [...used].sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
  // The first spelling seen wins: the defaults' own, then the most recent use.
  const spelling = new Map<string, string>();
  for (const name of [...DEFAULT_CATEGORIES, ...byRecency.map((item) => item.category), ...named]) {
    const key = keyOf(name);
    if (key && !spelling.has(key)) spelling.set(key, name.trim());
  }
  const nameOf = (key: string) => spelling.get(key) ?? key;

  const recent = [...new Set(byRecency.map((item) => keyOf(item.category)).filter(Boolean))].slice(0, recentCount);
  const taken = new Set(recent);
  const defaults = DEFAULT_CATEGORIES.map(keyOf).filter((key) => !taken.has(key));
  const own = [...spelling.keys()]
    .filter((key) => !taken.has(key) && !defaults.includes(key))
    .map(nameOf)
    .sort((a, b) => a.localeCompare(b, undefined, { sensitivity: "base" }));
  return [...recent.map(nameOf), ...defaults.map(nameOf), ...own];
}
