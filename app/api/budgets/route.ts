import { requireUser } from "@/server/auth";
import { budgetsOf } from "@/server/expenses";
import { readJsonBody } from "@/lib/http/body";
import { jsonResponse } from "@/lib/http/json-response";
import { withProblem } from "@/lib/http/problem";
import { BudgetsPutSchema } from "@/lib/schemas";

/** GET /api/budgets -> { budgets: [{ category, currency, limit }] }, by category then currency. */
export const GET = withProblem(async (req) => {
  const user = await requireUser(req);
  return jsonResponse(await budgetsOf(user.userId).list());
});

/** PUT /api/budgets { budgets } -> the stored list; a replace: left-out entries and "0" limits are removed. */
export const PUT = withProblem(async (req) => {
  const user = await requireUser(req);
  const input = BudgetsPutSchema.parse(await readJsonBody(req));
  return jsonResponse(await budgetsOf(user.userId).replace(input));
});
