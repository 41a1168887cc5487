"use client";

import { useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { placeExpense } from "@/client/expenses/expense-cache";
import { filterParams, filtersQuery, hasFilters, parseFilters, periodRange, summaryRange, type ExpenseFilters } from "@/client/expenses/expense-filters";
import { useDownloadCsv } from "@/client/expenses/download-csv";
import { localToday } from "@/client/expenses/format-expense";
import { useCategoryOptions } from "@/client/expenses/use-category-options";
import { useExpenses } from "@/client/expenses/use-expenses";
import { useUndoableDelete } from "@/client/expenses/use-undoable-delete";
import { useBudgets, useMe, useSettings } from "@/client/settings/use-settings";
import { useSummary } from "@/client/summary/use-summary";
import { describeApiError } from "@/client/api/describe-api-error";
import type { ExpenseJson } from "@/lib/schemas";
import { DEFAULT_CURRENCY } from "@/lib/schemas";
import { AppHeader } from "../app-header";
import { Button } from "../ui/button";
import { FormMessage } from "../ui/field";
import { Toast, ToastRegion } from "../ui/toast";
import { AddExpenseForm } from "./add-expense-form";
import { ExpenseList } from "./expense-list";
import { FilterBar } from "./filter-bar";
import { FilterTotals } from "./filter-totals";

export function TrackerHome() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const client = useQueryClient();
  const [today] = useState(() => localToday(new Date()));
  const filters = useMemo(() => parseFilters(new URLSearchParams(searchParams.toString())), [searchParams]);
  const setFilters = useCallback(
    (next: ExpenseFilters) => {
      const query = filtersQuery(next);
      router.push(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [router, pathname],
  );

  const me = useMe();
  const settings = useSettings();
  const budgets = useBudgets();
  const expenses = useExpenses(filters, today);
  const range = summaryRange(periodRange(filters, today), today);
  const summary = useSummary({ from: range.from, to: range.to });
  const deletes = useUndoableDelete();
  const csv = useDownloadCsv();
  // Memoised so the rows (memo) keep their props while the other queries (me, settings, summary) arrive.
  const loaded = expenses.state.status === "ready" ? expenses.state.items : null;
  const items = useMemo(() => (loaded ?? []).filter((item) => !deletes.hiddenIds.has(item.id)), [loaded, deletes.hiddenIds]);
  const listState = expenses.state.status === "ready" ? { ...expenses.state, items } : expenses.state;
  const budgetCategories = budgets.data?.budgets.map((budget) => budget.category) ?? [];
  const categories = useCategoryOptions(items, filters.category ? [filters.category, ...budgetCategories] : budgetCategories);
  const onUpdated = useCallback((expense: ExpenseJson) => placeExpense(client, expense), [client]);

  return (
    <>
      <AppHeader email={me.data?.email ?? null} />
      <main className="mx-auto flex max-w-5xl flex-col gap-6 px-4 py-6">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Expenses</h1>
          <p className="mt-1 min-h-5 truncate text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
            {me.data ? (
              <>
                Signed in as <span className="font-medium text-slate-900 dark:text-slate-100">{me.data.email}</span>
              </>
            ) : me.isError ? null : (
              "Loading your account…"
            )}
          </p>
        </div>
        {me.isError ? <FormMessage tone="error">{describeApiError(me.error, "loading your account")}</FormMessage> : null}
        <AddExpenseForm defaultCurrency={settings.data?.defaultCurrency ?? DEFAULT_CURRENCY} categories={categories} />
        <section aria-labelledby="expense-list-heading" className="flex min-w-0 flex-col gap-4">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 id="expense-list-heading" className="text-lg font-semibold">
              Your expenses
            </h2>
            <Button size="sm" busy={csv.state.status === "downloading"} onClick={() => void csv.download(filterParams(filters, today))}>
              {csv.state.status === "downloading" ? `Preparing CSV… ${Math.round(csv.state.bytes / 1024)} kB` : "Download CSV"}
            </Button>
          </div>
          {csv.state.status === "error" ? <FormMessage tone="error">{csv.state.message}</FormMessage> : null}
          <FilterBar filters={filters} categories={categories} onChange={setFilters} />
          <FilterTotals
            filters={filters}
            range={range}
            summary={summary.data}
            summaryError={summary.isError}
            loaded={listState.status === "ready" ? items : null}
            hasMore={expenses.state.status === "ready" && expenses.state.nextCursor !== null}
            budgets={budgets.data?.budgets ?? []}
          />
          <ExpenseList
            state={listState}
            more={expenses.more}
            isFiltered={hasFilters(filters)}
            categories={categories}
            onRetry={expenses.reload}
            onLoadMore={expenses.loadMore}
            onDelete={deletes.remove}
            onUpdated={onUpdated}
            onClearFilters={() => setFilters({ period: "all" })}
          />
        </section>
      </main>
      <ToastRegion>
        {deletes.notices.map((notice) =>
          notice.status === "pending" ? (
            <Toast key={notice.id}>
              <p className="mr-auto">Deleted {notice.title}.</p>
              <button
                type="button"
                onClick={() => deletes.undo(notice.id)}
                className="rounded-md px-2 py-1 font-semibold text-emerald-300 underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-emerald-300"
              >
                Undo<span className="sr-only"> delete of {notice.title}</span>
              </button>
            </Toast>
          ) : (
            <Toast key={notice.id} tone="error">
              <p className="mr-auto">{notice.message}</p>
              <button type="button" onClick={() => deletes.dismiss(notice.id)} className="rounded-md px-2 py-1 font-semibold underline">
                Dismiss
              </button>
            </Toast>
          ),
        )}
      </ToastRegion>
    </>
  );
}
