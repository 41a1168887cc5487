import { requireUser } from "@/server/auth";
import { scansOf } from "@/server/expenses";
import { readJsonBody } from "@/lib/http/body";
import { jsonResponse } from "@/lib/http/json-response";
import { withProblem } from "@/lib/http/problem";
import { ScanRequestSchema } from "@/lib/schemas";

/** POST /api/scans {contentType, size, today, currency} -> 201 {id, upload}: the photo goes straight to S3 and is read there. */
export const POST = withProblem(async (req) => {
  const user = await requireUser(req);
  const request = ScanRequestSchema.parse(await readJsonBody(req));
  return jsonResponse(await scansOf(user.userId).start(request), { status: 201 });
});
