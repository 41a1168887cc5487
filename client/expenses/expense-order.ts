import type { ExpenseJson } from "@/lib/schemas";

type Sortable = Pick<ExpenseJson, "id" | "date">;

/** The API's order: newest date first, then newest created first (ids are ULIDs, sortable by creation). */
export function compareNewestFirst(a: Sortable, b: Sortable): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
}

/** Appends a page to the loaded items, skipping ids already shown (e.g. one just added by this tab). */
export function appendPage<T extends Sortable>(items: readonly T[], page: readonly T[]): T[] {
  const seen = new Set(items.map((item) => item.id));
  return [...items, ...page.filter((item) => !seen.has(item.id))];
}

/**
 * Puts a new expense where the API would list it. When it sorts after the last loaded item and more pages
 * exist, it is left for "Load more" to bring, so it is never shown twice or out of order.
 */
export function insertExpense<T extends Sortable>(items: readonly T[], expense: T, hasMore: boolean): T[] {
  const rest = items.filter((item) => item.id !== expense.id);
  const index = rest.findIndex((item) => compareNewestFirst(expense, item) < 0);
  if (index === -1) return hasMore ? rest : [...rest, expense];
  return [...rest.slice(0, index), expense, ...rest.slice(index)];
}

type Page<T> = { items: T[]; nextCursor: string | null };

/**
 * The loaded pages with `expense` put where the API would list it (or taken out when `keep` is false). The
 * pages' boundaries do not matter to the list, which shows them end to end; the last page's cursor is kept.
 */
export function placeInPages<T extends Sortable>(pages: readonly Page<T>[], expense: T, keep: boolean): Page<T>[] {
  const hasMore = (pages.at(-1)?.nextCursor ?? null) !== null;
  const flat = pages.flatMap((page) => page.items).filter((item) => item.id !== expense.id);
  const items = keep ? insertExpense(flat, expense, hasMore) : flat;
  return pages.map((page, i) => ({ ...page, items: i === 0 ? items : [] }));
}
