import { requireUser } from "@/server/auth";
import { expensesOf } from "@/server/expenses";
import { jsonResponse } from "@/lib/http/json-response";
import { withProblem } from "@/lib/http/problem";
import { queryParams } from "@/lib/http/query";
import { SummaryQuerySchema } from "@/lib/schemas";

/** GET /api/summary?from=YYYY-MM-DD&to=YYYY-MM-DD -> exact totals per month x currency x category of the inclusive range. */
export const GET = withProblem(async (req) => {
  const user = await requireUser(req);
  const query = SummaryQuerySchema.parse(queryParams(req));
  return jsonResponse(await expensesOf(user.userId).summary(query));
});
