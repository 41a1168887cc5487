import type { z } from "zod";
import { ExpenseListSchema, ExpenseSchema, type ExpenseJson, type ExpenseList, type NewExpenseSchema } from "@/lib/schemas";
import { apiFetch, apiJson } from "@/client/api/api-fetch";
import type { ExpensePatchBody } from "./expense-patch";

/** What the add form sends: the body of POST /api/expenses before the server's transforms. */
export type NewExpenseBody = z.input<typeof NewExpenseSchema>;

/** One page of the signed-in user's expenses matching `filters`, newest date first (50 per page by default). */
export async function listExpenses(filters: URLSearchParams, cursor: string | null, limit = 50): Promise<ExpenseList> {
  const params = new URLSearchParams(filters);
  params.set("limit", String(limit));
  if (cursor) params.set("cursor", cursor);
  return apiJson(`/api/expenses?${params.toString()}`, ExpenseListSchema);
}

/**
 * Creates an expense. The same `idempotencyKey` with the same body replays the first answer, so a retried or
 * double-submitted form never creates two expenses.
 */
export async function createExpense(body: NewExpenseBody, idempotencyKey: string): Promise<ExpenseJson> {
  return apiJson("/api/expenses", ExpenseSchema, {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": idempotencyKey },
    body: JSON.stringify(body),
  });
}

/** Deletes an expense; `keepalive` lets the request outlive the page (a delete still waiting for its Undo). */
export async function deleteExpense(id: string, keepalive = false): Promise<void> {
  await apiFetch(`/api/expenses/${encodeURIComponent(id)}`, { method: "DELETE", keepalive });
}

/** Changes the given fields of the expense at `version`; a 412 means someone changed it since it was read. */
export async function updateExpense(id: string, version: number, patch: ExpensePatchBody): Promise<ExpenseJson> {
  return apiJson(`/api/expenses/${encodeURIComponent(id)}`, ExpenseSchema, {
    method: "PATCH",
    headers: { "content-type": "application/json", "if-match": `"${version}"` },
    body: JSON.stringify(patch),
  });
}
