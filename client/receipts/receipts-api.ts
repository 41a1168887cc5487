import type { z } from "zod";
import { apiFetch, apiJson } from "@/client/api/api-fetch";
import {
  ExpenseSchema,
  ReceiptUploadSchema,
  ReceiptViewSchema,
  type ExpenseJson,
  type ReceiptUpload,
  type ReceiptUploadRequestSchema,
  type ReceiptView,
} from "@/lib/schemas";

export type ReceiptUploadRequestBody = z.input<typeof ReceiptUploadRequestSchema>;

const receiptPath = (expenseId: string) => `/api/expenses/${encodeURIComponent(expenseId)}/receipt`;

/**
 * Asks for a presigned POST for one file. From then on the expense's receipt is `pending`, or, when it was
 * ready, stays ready beside a pending `replacement`.
 */
export async function requestReceiptUpload(expenseId: string, body: ReceiptUploadRequestBody, signal?: AbortSignal): Promise<ReceiptUpload> {
  return apiJson(receiptPath(expenseId), ReceiptUploadSchema, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal,
  });
}

/** The receipt's state and, once ready, short-lived links to the file and its thumbnail. */
export async function fetchReceiptView(expenseId: string, signal?: AbortSignal): Promise<ReceiptView> {
  return apiJson(receiptPath(expenseId), ReceiptViewSchema, { signal });
}

export async function deleteReceipt(expenseId: string): Promise<void> {
  await apiFetch(receiptPath(expenseId), { method: "DELETE" });
}

/** Forgets a replacement (cancelled, refused or never arrived); the ready receipt stays. 404 when there is none. */
export async function deleteReplacement(expenseId: string): Promise<void> {
  await apiFetch(`${receiptPath(expenseId)}/replacement`, { method: "DELETE" });
}

/** One expense as the server has it now (its receipt's state and its current version). */
export async function fetchExpense(expenseId: string, signal?: AbortSignal): Promise<ExpenseJson> {
  return apiJson(`/api/expenses/${encodeURIComponent(expenseId)}`, ExpenseSchema, { signal });
}
