"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import type { ExpenseJson } from "@/lib/schemas";
import { describeApiError } from "@/client/api/describe-api-error";
import { expenseKeys } from "./expense-cache";
import { filterParams, type ExpenseFilters } from "./expense-filters";
import { listExpenses } from "./expenses-api";

export type ExpensesState =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; items: ExpenseJson[]; nextCursor: string | null };

export type MoreState = { isLoading: boolean; error: string | null };

export const FIRST_PAGE_SIZE = 20;
export const NEXT_PAGE_SIZE = 50;

/** The signed-in user's expenses matching `filters`, page by page over the API's cursor. */
export function useExpenses(filters: ExpenseFilters, today: string) {
  const query = useInfiniteQuery({
    queryKey: expenseKeys.list(filters, today),
    // A short first page: it is what a phone shows above the fold, and rendering it is the page's longest task.
    queryFn: ({ pageParam }) => listExpenses(filterParams(filters, today), pageParam, pageParam === null ? FIRST_PAGE_SIZE : NEXT_PAGE_SIZE),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

  // The same array (and reload) until the data changes, so memoised rows skip the renders of other queries.
  const { data, refetch } = query;
  const items = useMemo(() => data?.pages.flatMap((page) => page.items) ?? [], [data]);
  const reload = useCallback(() => void refetch(), [refetch]);
  const nextCursor = data?.pages.at(-1)?.nextCursor ?? null;
  const state: ExpensesState = data
    ? { status: "ready", items, nextCursor }
    : query.isError
      ? { status: "error", message: describeApiError(query.error, "loading your expenses") }
      : { status: "loading" };
  const more: MoreState = {
    isLoading: query.isFetchingNextPage,
    error: query.isFetchNextPageError ? describeApiError(query.error, "loading more expenses") : null,
  };

  return {
    state,
    more,
    reload,
    loadMore: () => {
      if (query.hasNextPage && !query.isFetchingNextPage) void query.fetchNextPage();
    },
  };
}
