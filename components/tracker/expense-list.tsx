import type { ExpenseJson } from "@/lib/schemas";
import type { ExpensesState, MoreState } from "@/lib/client/use-expenses";
import { Button } from "../ui/button";
import { EmptyState } from "./empty-state";
import { ExpenseRow } from "./expense-row";
import { ExpensesError } from "./expenses-error";
import { ExpensesLoading } from "./expenses-loading";

type Props = {
  state: ExpensesState;
  more: MoreState;
  onRetry: () => void;
  onLoadMore: () => void;
  onDelete: (id: string) => Promise<void>;
  onUpdated: (expense: ExpenseJson) => void;
};

/** The list with its loading, error and empty states, and "Load more" while the API has further pages. */
export function ExpenseList({ state, more, onRetry, onLoadMore, onDelete, onUpdated }: Props) {
  if (state.status === "loading") return <ExpensesLoading />;
  if (state.status === "error") return <ExpensesError message={state.message} onRetry={onRetry} />;
  if (state.items.length === 0 && state.nextCursor === null) return <EmptyState />;
  return (
    <div className="flex flex-col gap-3">
      <ul aria-label="Expenses, newest first" className="divide-y divide-slate-100 overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm">
        {state.items.map((expense) => (
          <ExpenseRow key={expense.id} expense={expense} onDelete={onDelete} onUpdated={onUpdated} onReload={onRetry} />
        ))}
      </ul>
      {more.error ? (
        <p role="alert" className="text-sm text-red-800">
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
