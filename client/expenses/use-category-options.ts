"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { ExpenseJson } from "@/lib/schemas";
import { categoryOptions } from "./category-options";
import { expenseKeys } from "./expense-cache";
import { listExpenses } from "./expenses-api";

/**
 * The category picker's options for the signed-in user: recent ones from the newest expenses whatever the
 * list's filters (so filtering by one category does not hide the others), plus what the list has loaded
 * (a row just added or edited counts before the refetch) and `named` (budgets, the current filter).
 */
/** How many of the newest expenses name the recent categories. */
const RECENT_SAMPLE = 50;

export function useCategoryOptions(loaded: readonly ExpenseJson[], named: readonly string[]): string[] {
  const recent = useQuery({
    queryKey: expenseKeys.recent,
    queryFn: () => listExpenses(new URLSearchParams(), null, RECENT_SAMPLE),
    staleTime: 30_000,
  });
  // The same list keeps its identity across renders, so memoised rows that take it are not re-rendered.
  // Category names are single lines (CategorySchema): "\n" cannot occur in one.
  const key = categoryOptions([...loaded, ...(recent.data?.items ?? [])], named).join("\n");
  return useMemo(() => (key === "" ? [] : key.split("\n")), [key]);
}
