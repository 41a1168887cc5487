import { requireUser } from "@/server/auth";
import { importsOf } from "@/server/imports";
import { readJsonBody } from "@/lib/http/body";
import { jsonResponse } from "@/lib/http/json-response";
import { withProblem } from "@/lib/http/problem";
import { NewImportSchema } from "@/lib/imports/import-schemas";

/** POST /api/imports {fileName, size, contentType} -> 201 { importId, url, fields }: a presigned POST for the CSV. */
export const POST = withProblem(async (req) => {
  const user = await requireUser(req);
  const input = NewImportSchema.parse(await readJsonBody(req));
  return jsonResponse(await importsOf(user.userId).create(input), { status: 201 });
});

/** GET /api/imports -> the user's latest imports, newest first. */
export const GET = withProblem(async (req) => {
  const user = await requireUser(req);
  return jsonResponse({ items: await importsOf(user.userId).list() });
});
