import { formatCalendarDate, formatMoney } from "@/lib/client/format-expense";
import type { ExpenseJson } from "@/lib/schemas";
import { DeleteExpense } from "./delete-expense";
import { expenseTitle } from "./expense-title";

type Props = { expense: ExpenseJson; onDelete: (id: string) => Promise<void> };

/**
 * One expense. Phone: title and amount on the first line, date and category under them. From `sm` up the
 * meta block uses `display: contents`, so date, title, category and amount line up as table columns.
 */
export function ExpenseRow({ expense, onDelete }: Props) {
  const title = expenseTitle(expense);
  return (
    <li
      className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 gap-y-1 px-4 py-3 sm:grid-cols-[6.5rem_minmax(0,1fr)_8rem_minmax(8rem,auto)_auto]"
      data-testid="expense-row"
    >
      <div className="col-start-1 row-start-1 min-w-0 sm:col-start-2">
        <p className="line-clamp-2 font-medium break-words text-slate-900">{title}</p>
        {expense.merchant && expense.merchant !== title ? <p className="truncate text-sm text-slate-500">{expense.merchant}</p> : null}
      </div>
      <p className="col-start-2 row-start-1 text-right font-semibold tabular-nums text-slate-900 sm:col-start-4">
        {formatMoney(expense.amount, expense.currency)}
      </p>
      <div className="col-start-1 row-start-2 flex min-w-0 items-center gap-2 text-sm text-slate-500 sm:contents">
        <time dateTime={expense.date} className="whitespace-nowrap sm:col-start-1 sm:row-start-1">
          {formatCalendarDate(expense.date)}
        </time>
        <span aria-hidden className="sm:hidden">
          ·
        </span>
        <span className="truncate sm:col-start-3 sm:row-start-1">
          <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">{expense.category}</span>
        </span>
      </div>
      <DeleteExpense
        title={title}
        onDelete={() => onDelete(expense.id)}
        className="col-start-2 row-start-2 -mr-3 justify-self-end sm:col-start-5 sm:row-start-1"
      />
    </li>
  );
}
