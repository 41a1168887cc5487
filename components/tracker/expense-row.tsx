"use client";

import { memo, useEffect, useRef, useState } from "react";
import { useReceipt } from "@/client/receipts/use-receipt";
import { formatCalendarDate, formatMoney } from "@/client/expenses/format-expense";
import type { ExpenseJson } from "@/lib/schemas";
import { ReceiptArea } from "../receipts/receipt-area";
import { Button } from "../ui/button";
import { EditExpenseForm } from "./edit-expense-form";
import { expenseTitle } from "./expense-title";

type Props = {
  expense: ExpenseJson;
  categories: readonly string[];
  onDelete: (expense: ExpenseJson, title: string) => void;
  onUpdated: (expense: ExpenseJson) => void;
  onReload: () => void;
};

/**
 * One expense, led by its receipt's tile. Phone: title and amount on the first line, category and the buttons
 * under them (the date is the day's heading's). From `sm` up the meta block uses `display: contents`, so date,
 * title, category and amount line up as table columns. Receipt progress and the attach panel take lines of their own under the row.
 * "Edit" swaps the row for its edit form; closing it (saved or not) puts focus back on "Edit". The receipt
 * state lives here, not in the receipt area, so an upload goes on while the row is being edited.
 * Memoised: the tracker re-renders as each of its queries arrives, and a page of rows need not follow.
 */
export const ExpenseRow = memo(function ExpenseRow({ expense, categories, onDelete, onUpdated, onReload }: Props) {
  const title = expenseTitle(expense);
  const receipt = useReceipt(expense, onUpdated);
  const [isEditing, setIsEditing] = useState(false);
  const editRef = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);

  useEffect(() => {
    if (!isEditing && wasEditing.current) editRef.current?.focus();
    wasEditing.current = isEditing;
  }, [isEditing]);

  if (isEditing) {
    return (
      <li className="px-4 py-4" data-testid="expense-row">
        <EditExpenseForm
          expense={expense}
          title={title}
          categories={categories}
          onSaved={() => setIsEditing(false)}
          onCancel={() => setIsEditing(false)}
          onReload={() => {
            setIsEditing(false);
            onReload();
          }}
        />
      </li>
    );
  }
  return (
    <li
      className="relative grid grid-cols-[auto_minmax(0,1fr)_auto] items-center gap-x-3 gap-y-1 px-4 py-3 sm:grid-cols-[auto_6.5rem_minmax(0,1fr)_8rem_minmax(8rem,auto)_auto_auto]"
      data-testid="expense-row"
    >
      <ReceiptArea
        expenseId={expense.id}
        title={title}
        receipt={receipt}
        tileClassName="col-start-1 row-start-1 self-center"
        lineClassName="col-span-full mt-1 sm:col-[2/-1]"
        panelClassName="col-span-full mt-1 sm:col-[2/-1]"
      />
      <div className="col-start-2 row-start-1 min-w-0 sm:col-start-3">
        <p className="line-clamp-2 font-medium break-words text-slate-900 dark:text-slate-100">{title}</p>
        {expense.merchant && expense.merchant !== title ? <p className="truncate text-sm text-slate-500 dark:text-slate-400">{expense.merchant}</p> : null}
      </div>
      <p className="col-start-3 row-start-1 text-right font-semibold tabular-nums text-slate-900 dark:text-slate-100 sm:col-start-5">
        {formatMoney(expense.amount, expense.currency)}
      </p>
      {/* A phone's second line spans the row, so the buttons take no width from the title above them. */}
      <div className="col-span-full row-start-2 flex min-w-0 items-center gap-x-3 sm:contents">
        <div className="flex min-w-0 flex-1 items-center gap-2 text-sm text-slate-500 sm:contents dark:text-slate-400">
          {/* A phone shows the date in the day's heading just above; read out per row all the same. */}
          <time dateTime={expense.date} className="whitespace-nowrap max-sm:sr-only sm:col-start-2 sm:row-start-1">
            {formatCalendarDate(expense.date)}
          </time>
          <span className="flex min-w-0 sm:col-start-4 sm:row-start-1">
            <span className="truncate rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-200">{expense.category}</span>
          </span>
        </div>
        <Button ref={editRef} variant="quiet" size="sm" className="justify-self-end sm:col-start-6 sm:row-start-1" onClick={() => setIsEditing(true)}>
          Edit<span className="sr-only"> {title}</span>
        </Button>
        <Button variant="quiet" size="sm" className="-mr-3 justify-self-end sm:col-start-7 sm:row-start-1" onClick={() => onDelete(expense, title)}>
          Delete<span className="sr-only"> {title}</span>
        </Button>
      </div>
    </li>
  );
});

/** A just-added expense the server has not confirmed yet: shown where it will be, without actions. */
export function PendingExpenseRow({ expense }: { expense: ExpenseJson }) {
  return (
    <li
      aria-busy
      className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 px-4 py-3 opacity-70 sm:grid-cols-[6.5rem_minmax(0,1fr)_8rem_minmax(8rem,auto)]"
      data-testid="expense-row"
    >
      <time dateTime={expense.date} className="hidden text-sm text-slate-500 sm:block dark:text-slate-400">
        {formatCalendarDate(expense.date)}
      </time>
      <p className="truncate font-medium">
        {expenseTitle(expense)} <span className="text-sm font-normal text-slate-500 dark:text-slate-400">Saving…</span>
      </p>
      <span className="hidden text-sm sm:block">{expense.category}</span>
      <p className="text-right font-semibold tabular-nums">{formatMoney(expense.amount, expense.currency)}</p>
    </li>
  );
}
