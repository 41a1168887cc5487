import { isOptimistic } from "@/client/expenses/expense-cache";
import { formatCalendarDate } from "@/client/expenses/format-expense";
import { formatTotals, groupByDay } from "@/client/expenses/group-by-day";
import type { ExpensesState, MoreState } from "@/client/expenses/use-expenses";
import type { ExpenseJson } from "@/lib/schemas";
import { Button } from "../ui/button";
import { EmptyState } from "./empty-state";
import { ExpenseRow, PendingExpenseRow } from "./expense-row";
import { ExpensesError } from "./expenses-error";
import { ExpensesLoading } from "./expenses-loading";

type Props = {
  state: ExpensesState;
  more: MoreState;
  isFiltered: boolean;
  categories: readonly string[];
  onRetry: () => void;
  onLoadMore: () => void;
  onDelete: (expense: ExpenseJson, title: string) => void;
  onUpdated: (expense: ExpenseJson) => void;
  onClearFilters: () => void;
};

/** The list grouped by day (with each day's totals), its loading, error and empty states, and "Load more". */
export function ExpenseList({ state, more, isFiltered, categories, onRetry, onLoadMore, onDelete, onUpdated, onClearFilters }: Props) {
  if (state.status === "loading") return <ExpensesLoading />;
  if (state.status === "error") return <ExpensesError message={state.message} onRetry={onRetry} />;
  if (state.items.length === 0 && state.nextCursor === null) {
    return isFiltered ? (
      <section className="flex flex-col items-center gap-3 rounded-2xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center dark:border-slate-700 dark:bg-slate-900">
        <h3 className="text-lg font-semibold">No expenses match these filters</h3>
        <Button size="sm" onClick={onClearFilters}>
          Clear filters
        </Button>
      </section>
    ) : (
      <EmptyState />
    );
  }
  return (
    <div className="flex flex-col gap-4">
      {groupByDay(state.items).map((day) => {
        const label = formatCalendarDate(day.date);
        return (
          <section key={day.date} aria-label={label} className="flex flex-col gap-1.5">
            <h3 className="flex items-baseline justify-between gap-3 px-1 text-sm font-semibold text-slate-600 dark:text-slate-300">
              <time dateTime={day.date}>{label}</time>
              <span className="tabular-nums">
                <span className="sr-only">Day total: </span>
                {formatTotals(day.totals)}
              </span>
            </h3>
            <ul
              aria-label={`Expenses on ${label}`}
              className="divide-y divide-slate-100 rounded-2xl border border-slate-200 bg-white shadow-sm dark:divide-slate-800 dark:border-slate-700 dark:bg-slate-900"
            >
              {day.items.map((expense) =>
                isOptimistic(expense.id) ? (
                  <PendingExpenseRow key={expense.id} expense={expense} />
                ) : (
                  <ExpenseRow key={expense.id} expense={expense} categories={categories} onDelete={onDelete} onUpdated={onUpdated} onReload={onRetry} />
                ),
              )}
            </ul>
          </section>
        );
      })}
      {more.error ? (
        <p role="alert" className="text-sm text-red-800 dark:text-red-300">
          {more.error}
        </p>
      ) : null}
      {state.nextCursor !== null ? (
        <Button className="self-center" busy={more.isLoading} onClick={onLoadMore}>
          {more.error ? "Try again" : "Load more"}
        </Button>
      ) : null}
    </div>
  );
}
