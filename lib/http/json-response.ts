import type { ExpenseJson } from "../schemas";
import { etagOf } from "./etag";

/** API data is per user: never stored by shared caches. */
const PRIVATE = { "cache-control": "private, no-store" };

export function jsonResponse(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return Response.json(body, { status: init.status ?? 200, headers: { ...PRIVATE, ...init.headers } });
}

/** An expense with its ETag; a creation also gets Location, and a replayed creation says so. */
export function expenseResponse(expense: ExpenseJson, options: { isCreated?: boolean; isReplayed?: boolean } = {}): Response {
  const headers: Record<string, string> = { etag: etagOf(expense.version) };
  if (options.isCreated) headers.location = `/api/expenses/${expense.id}`;
  if (options.isReplayed) headers["idempotent-replayed"] = "true";
  return jsonResponse(expense, { status: options.isCreated ? 201 : 200, headers });
}

export function noContent(): Response {
  return new Response(null, { status: 204, headers: PRIVATE });
}
