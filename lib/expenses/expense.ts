import { formatAmount, parseAmount } from "../money";
import type { ExpenseJson, ExpensePatch, NewExpense } from "../schemas";

/** An expense inside lib: the API shape with the amount as integer minor units instead of a string. */
export type Expense = Omit<ExpenseJson, "amount"> & { amountMinor: bigint };

/** Builds a new expense (version 1) from validated input; `id` and `now` come from the caller. */
export function newExpense(input: NewExpense, id: string, now: Date): Expense {
  const at = now.toISOString();
  return {
    id,
    date: input.date,
    amountMinor: input.amountMinor,
    currency: input.currency,
    category: input.category,
    description: input.description,
    ...(input.merchant !== undefined ? { merchant: input.merchant } : {}),
    ...(input.tags !== undefined && input.tags.length > 0 ? { tags: input.tags } : {}),
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

/**
 * Applies a validated patch and bumps the version. An amount without a currency is read in the stored
 * currency (so "5" is rejected for a JPY expense only if it has decimals); `null` removes merchant/tags.
 */
export function applyPatch(expense: Expense, patch: ExpensePatch, now: Date): Expense {
  const currency = patch.currency ?? expense.currency;
  const next: Expense = {
    ...expense,
    ...(patch.date !== undefined ? { date: patch.date } : {}),
    ...(patch.category !== undefined ? { category: patch.category } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    currency,
    amountMinor: patch.amount !== undefined ? parseAmount(patch.amount, currency) : expense.amountMinor,
    updatedAt: now.toISOString(),
    version: expense.version + 1,
  };
  if (patch.merchant === null) delete next.merchant;
  else if (patch.merchant !== undefined) next.merchant = patch.merchant;
  if (patch.tags === null || (patch.tags !== undefined && patch.tags.length === 0)) delete next.tags;
  else if (patch.tags !== undefined) next.tags = patch.tags;
  return next;
}

export function toExpenseJson({ amountMinor, ...expense }: Expense): ExpenseJson {
  return { ...expense, amount: formatAmount(amountMinor, expense.currency) };
}
