import type { z } from "zod";
import type { ExpenseJson, ExpensePatchSchema } from "@/lib/schemas";

/** What the edit form sends: the body of PATCH /api/expenses/{id} before the server's transforms. */
export type ExpensePatchBody = z.input<typeof ExpensePatchSchema>;

/** The add and edit forms' values, as typed (text, not yet parsed). */
export type ExpenseFormValues = { date: string; amount: string; currency: string; category: string; description: string; merchant: string };

type Editable = Pick<ExpenseJson, "date" | "amount" | "currency" | "category" | "description" | "merchant">;

/** An expense as the edit form shows it first (no merchant is an empty field). */
export function expenseFormValues(expense: Editable): ExpenseFormValues {
  return {
    date: expense.date,
    amount: expense.amount,
    currency: expense.currency,
    category: expense.category,
    description: expense.description,
    merchant: expense.merchant ?? "",
  };
}

/**
 * Only the fields the user changed, so a save never overwrites what it did not touch. A changed currency
 * always carries the amount (the API reads an amount in its currency and requires both together); a cleared
 * merchant is null, which is how the API removes it. An empty patch means nothing to save.
 */
export function expensePatch(expense: Editable, values: ExpenseFormValues): ExpensePatchBody {
  const patch: ExpensePatchBody = {};
  const amount = values.amount.trim();
  const description = values.description.trim();
  const merchant = values.merchant.trim();
  if (values.date !== expense.date) patch.date = values.date;
  if (values.currency !== expense.currency) patch.currency = values.currency;
  if (amount !== expense.amount || patch.currency !== undefined) patch.amount = amount;
  if (values.category !== expense.category) patch.category = values.category;
  if (description !== expense.description) patch.description = description;
  if (merchant !== (expense.merchant ?? "")) patch.merchant = merchant === "" ? null : merchant;
  return patch;
}
