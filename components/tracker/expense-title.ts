import type { ExpenseJson } from "@/lib/schemas";

/** What a row is called (and its delete button names): the description, else the merchant, else the category. */
export function expenseTitle(expense: Pick<ExpenseJson, "description" | "merchant" | "category">): string {
  return expense.description || expense.merchant || expense.category;
}
