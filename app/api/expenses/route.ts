import { requireUser } from "@/server/auth";
import { expensesOf } from "@/server/expenses";
import { readJsonBody } from "@/lib/http/body";
import { idempotencyKeyOf } from "@/lib/http/idempotency-key";
import { expenseResponse, jsonResponse } from "@/lib/http/json-response";
import { withProblem } from "@/lib/http/problem";
import { queryParams } from "@/lib/http/query";
import { ExpenseListQuerySchema, NewExpenseSchema } from "@/lib/schemas";

/** POST /api/expenses -> 201 + Location + ETag; a retry with the same Idempotency-Key replays the first response. */
export const POST = withProblem(async (req) => {
  const user = await requireUser(req);
  const input = NewExpenseSchema.parse(await readJsonBody(req));
  const { expense, isReplayed } = await expensesOf(user.userId).create(input, idempotencyKeyOf(req));
  return expenseResponse(expense, { isCreated: true, isReplayed });
});

/** GET /api/expenses?from&to&category&q&limit&cursor -> { items, nextCursor }, newest date first. */
export const GET = withProblem(async (req) => {
  const user = await requireUser(req);
  const query = ExpenseListQuerySchema.parse(queryParams(req));
  return jsonResponse(await expensesOf(user.userId).list(query));
});
