import type { InfiniteData, QueryClient, QueryKey } from "@tanstack/react-query";
import type { ExpenseJson, ExpenseList } from "@/lib/schemas";
import { matchesFilters, type ExpenseFilters } from "./expense-filters";
import { placeInPages } from "./expense-order";

/**
 * Every list query is `["expenses", "list", filters, today]`; the summary's are `["summary", from, to]`.
 * `recent` is the newest page whatever the filters, for the category picker (refreshed after every write).
 */
export const expenseKeys = {
  all: ["expenses"] as const,
  lists: ["expenses", "list"] as const,
  list: (filters: ExpenseFilters, today: string) => ["expenses", "list", filters, today] as const,
  recent: ["expenses", "recent"] as const,
};

export type ExpensePages = InfiniteData<ExpenseList, string | null>;
export type CacheSnapshot = [QueryKey, ExpensePages | undefined][];

/** Stops list fetches in flight (their answers would undo the change) and returns what to roll back to. */
export async function snapshotLists(client: QueryClient): Promise<CacheSnapshot> {
  await client.cancelQueries({ queryKey: expenseKeys.lists });
  return client.getQueriesData<ExpensePages>({ queryKey: expenseKeys.lists });
}

export function restoreLists(client: QueryClient, snapshot: CacheSnapshot): void {
  for (const [key, data] of snapshot) client.setQueryData(key, data);
}

/** Shows `expense` (new or changed) in every loaded list whose filters it matches, and takes it out of the others. */
export function placeExpense(client: QueryClient, expense: ExpenseJson, replacingId?: string): void {
  for (const [key, data] of client.getQueriesData<ExpensePages>({ queryKey: expenseKeys.lists })) {
    if (!data) continue;
    const [, , filters, today] = key as ReturnType<typeof expenseKeys.list>;
    const pages = replacingId ? placeInPages(data.pages, { ...expense, id: replacingId }, false) : data.pages;
    client.setQueryData<ExpensePages>(key, { ...data, pages: placeInPages(pages, expense, matchesFilters(expense, filters, today)) });
  }
}

export function removeExpense(client: QueryClient, id: string): void {
  for (const [key, data] of client.getQueriesData<ExpensePages>({ queryKey: expenseKeys.lists })) {
    if (!data) continue;
    client.setQueryData<ExpensePages>(key, {
      ...data,
      pages: data.pages.map((page) => ({ ...page, items: page.items.filter((item) => item.id !== id) })),
    });
  }
}

/** After a write settles: lists and totals are fetched again, so what the server stored is what is shown. */
export function refreshAfterWrite(client: QueryClient): Promise<void> {
  return Promise.all([client.invalidateQueries({ queryKey: expenseKeys.all }), client.invalidateQueries({ queryKey: ["summary"] })]).then(() => undefined);
}

/** Ids of expenses this tab has sent but the server has not answered yet; such rows are shown as saving. */
export const OPTIMISTIC_PREFIX = "~saving-";
export const isOptimistic = (id: string) => id.startsWith(OPTIMISTIC_PREFIX);
