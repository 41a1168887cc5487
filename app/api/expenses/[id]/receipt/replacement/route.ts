import { requireUser } from "@/server/auth";
import { receiptsOf } from "@/server/expenses";
import { noContent } from "@/lib/http/json-response";
import { withProblem } from "@/lib/http/problem";

type Context = { params: Promise<{ id: string }> };

/** DELETE /api/expenses/{id}/receipt/replacement -> 204: a cancelled or refused replacement is forgotten; the ready receipt stays. */
export const DELETE = withProblem(async (req, { params }: Context) => {
  const user = await requireUser(req);
  const { id } = await params;
  await receiptsOf(user.userId).dismissReplacement(id);
  return noContent();
});
