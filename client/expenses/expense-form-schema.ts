import { z } from "zod";
import { NewExpenseSchema } from "@/lib/schemas";
import type { ExpenseFormValues } from "./expense-patch";
import type { NewExpenseBody } from "./expenses-api";

/** The add form's values as the API's body: trimmed, and no merchant rather than an empty one. */
export function expenseBody(values: ExpenseFormValues): NewExpenseBody {
  const merchant = values.merchant.trim();
  return {
    date: values.date,
    amount: values.amount.trim(),
    currency: values.currency,
    category: values.category.trim(),
    description: values.description.trim(),
    ...(merchant ? { merchant } : {}),
  };
}

/**
 * The add and edit forms' validation: the typed text, turned into the body and checked by the server's own
 * NewExpenseSchema, so "12.345 EUR" is flagged on Amount with the server's words before any request.
 */
export const ExpenseFormSchema = z
  .object({ date: z.string(), amount: z.string(), currency: z.string(), category: z.string(), description: z.string(), merchant: z.string() })
  .transform(expenseBody)
  .pipe(NewExpenseSchema);
