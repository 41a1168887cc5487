"use client";

import { formatCalendarDate } from "@/client/expenses/format-expense";
import { PERIOD_LABELS, type ExpenseFilters } from "@/client/expenses/expense-filters";
import { formatTotals, totalsByCurrency } from "@/client/expenses/group-by-day";
import { budgetProgress } from "@/client/summary/budget-progress";
import type { Budget, ExpenseJson, Summary } from "@/lib/schemas";
import { BudgetBars } from "../budget-bars";

type Props = {
  filters: ExpenseFilters;
  range: { from: string; to: string; isClamped: boolean };
  summary: Summary | undefined;
  summaryError: boolean;
  loaded: readonly ExpenseJson[] | null;
  hasMore: boolean;
  budgets: readonly Budget[];
};

/**
 * The total of what the filters show, per currency, never converted. Dates (and a category) come exact from
 * the summary; a search cannot be summed by the summary, so it totals the loaded rows and says so.
 */
export function FilterTotals({ filters, range, summary, summaryError, loaded, hasMore, budgets }: Props) {
  const rows = summary?.totals.filter((row) => !filters.category || row.category.toLowerCase() === filters.category.toLowerCase()) ?? null;
  const rangeText = range.isClamped
    ? `${PERIOD_LABELS[filters.period]} since ${formatCalendarDate(range.from)}`
    : `${PERIOD_LABELS[filters.period]}, ${formatCalendarDate(range.from)} – ${formatCalendarDate(range.to)}`;
  const what = [rangeText, filters.category ? filters.category : null].filter(Boolean).join(" · ");

  let value: string | null = null;
  let note: string | null = null;
  if (filters.q) {
    if (loaded) {
      value = formatTotals(totalsByCurrency(loaded));
      note = `Sum of the ${loaded.length} loaded ${loaded.length === 1 ? "row" : "rows"} matching “${filters.q}”${hasMore ? "; load more to include the rest" : ""}.`;
    }
  } else if (rows) {
    value = formatTotals(totalsByCurrency(rows));
  }
  const progress = filters.period === "this-month" && summary ? budgetProgress(budgets.filter((b) => !filters.category || b.category === filters.category), summary.totals) : [];

  return (
    <section aria-labelledby="filter-totals-heading" className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-700 dark:bg-slate-900">
      <h2 id="filter-totals-heading" className="text-sm font-medium text-slate-600 dark:text-slate-300">
        Total shown <span className="font-normal">({what})</span>
      </h2>
      <p className="mt-1 min-h-8 text-2xl font-semibold tabular-nums" data-testid="filter-total" aria-live="polite">
        {summaryError && !filters.q ? (
          <span className="text-base font-normal text-red-700 dark:text-red-300">The totals could not be loaded. Reload the page to try again.</span>
        ) : value === null ? (
          <span className="inline-block h-6 w-40 animate-pulse rounded bg-slate-200 align-middle dark:bg-slate-700" aria-label="Loading the totals" />
        ) : value === "" ? (
          "Nothing"
        ) : (
          value
        )}
      </p>
      {note ? <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{note}</p> : null}
      {progress.length > 0 ? (
        <div className="mt-4 border-t border-slate-100 pt-4 dark:border-slate-800">
          <BudgetBars items={progress} caption="Budgets this month" />
        </div>
      ) : null}
    </section>
  );
}
