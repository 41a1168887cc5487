import { requireUser } from "@/server/auth";
import { scansOf } from "@/server/expenses";
import { jsonResponse, noContent } from "@/lib/http/json-response";
import { withProblem } from "@/lib/http/problem";

type Context = { params: Promise<{ id: string }> };

/** GET /api/scans/{id} -> the photo's state and, once read, what it proposes; another user's scan is a 404. */
export const GET = withProblem(async (req, { params }: Context) => {
  const user = await requireUser(req);
  const { id } = await params;
  return jsonResponse(await scansOf(user.userId).get(id));
});

/** DELETE /api/scans/{id} -> 204; the scan and its photo are gone (the form was cleared instead of saved). */
export const DELETE = withProblem(async (req, { params }: Context) => {
  const user = await requireUser(req);
  const { id } = await params;
  await scansOf(user.userId).discard(id);
  return noContent();
});
