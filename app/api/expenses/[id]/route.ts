import { requireUser } from "@/server/auth";
import { expensesOf } from "@/server/expenses";
import { readJsonBody } from "@/lib/http/body";
import { ifMatchVersion, requiredIfMatchVersion } from "@/lib/http/etag";
import { expenseResponse, noContent } from "@/lib/http/json-response";
import { withProblem } from "@/lib/http/problem";
import { ExpensePatchSchema } from "@/lib/schemas";

type Context = { params: Promise<{ id: string }> };

/** GET /api/expenses/{id} -> the expense + ETag; another user's id is a 404 (the repository is scoped to the caller). */
export const GET = withProblem(async (req, { params }: Context) => {
  const user = await requireUser(req);
  const { id } = await params;
  return expenseResponse(await expensesOf(user.userId).get(id));
});

/** PATCH /api/expenses/{id}: If-Match required (428), a stale version is a 412. */
export const PATCH = withProblem(async (req, { params }: Context) => {
  const user = await requireUser(req);
  const { id } = await params;
  const version = requiredIfMatchVersion(req.headers.get("if-match"));
  const patch = ExpensePatchSchema.parse(await readJsonBody(req));
  return expenseResponse(await expensesOf(user.userId).update(id, patch, version));
});

/** DELETE /api/expenses/{id} -> 204; an optional If-Match makes it conditional. */
export const DELETE = withProblem(async (req, { params }: Context) => {
  const user = await requireUser(req);
  const { id } = await params;
  await expensesOf(user.userId).remove(id, ifMatchVersion(req.headers.get("if-match")));
  return noContent();
});
