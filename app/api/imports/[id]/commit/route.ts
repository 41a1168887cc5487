import { requireUser } from "@/server/auth";
import { importsOf } from "@/server/imports";
import { readJsonBody } from "@/lib/http/body";
import { jsonResponse } from "@/lib/http/json-response";
import { withProblem } from "@/lib/http/problem";
import { ImportCommitSchema } from "@/lib/imports/import-schemas";

type Context = { params: Promise<{ id: string }> };

/** POST /api/imports/{id}/commit {includeLines?} -> 202: the import runs; poll GET /api/imports/{id} for progress. */
export const POST = withProblem(async (req, { params }: Context) => {
  const user = await requireUser(req);
  const { id } = await params;
  const request = ImportCommitSchema.parse(await readJsonBody(req));
  return jsonResponse(await importsOf(user.userId).commit(id, request), { status: 202 });
});
