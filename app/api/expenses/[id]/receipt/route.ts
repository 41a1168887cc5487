import { requireUser } from "@/server/auth";
import { receiptsOf } from "@/server/expenses";
import { readJsonBody } from "@/lib/http/body";
import { jsonResponse, noContent } from "@/lib/http/json-response";
import { withProblem } from "@/lib/http/problem";
import { ReceiptUploadRequestSchema } from "@/lib/schemas";

type Context = { params: Promise<{ id: string }> };

/** POST /api/expenses/{id}/receipt {contentType, size} -> 201 presigned POST; the receipt becomes pending. */
export const POST = withProblem(async (req, { params }: Context) => {
  const user = await requireUser(req);
  const { id } = await params;
  const request = ReceiptUploadRequestSchema.parse(await readJsonBody(req));
  return jsonResponse(await receiptsOf(user.userId).grantUpload(id, request), { status: 201 });
});

/** GET /api/expenses/{id}/receipt -> state and short-lived links; another user's expense is a 404. */
export const GET = withProblem(async (req, { params }: Context) => {
  const user = await requireUser(req);
  const { id } = await params;
  return jsonResponse(await receiptsOf(user.userId).view(id));
});

/** DELETE /api/expenses/{id}/receipt -> 204; the files go with it. */
export const DELETE = withProblem(async (req, { params }: Context) => {
  const user = await requireUser(req);
  const { id } = await params;
  await receiptsOf(user.userId).remove(id);
  return noContent();
});
