import { requireUser } from "@/server/auth";
import { importsOf } from "@/server/imports";
import { readJsonBody } from "@/lib/http/body";
import { jsonResponse } from "@/lib/http/json-response";
import { withProblem } from "@/lib/http/problem";
import { ImportSettingsUpdateSchema } from "@/lib/imports/import-schemas";

type Context = { params: Promise<{ id: string }> };

/** GET /api/imports/{id} -> detection and preview, then progress and the report. */
export const GET = withProblem(async (req, { params }: Context) => {
  const user = await requireUser(req);
  const { id } = await params;
  return jsonResponse(await importsOf(user.userId).get(id));
});

/** PATCH /api/imports/{id} {settings} -> the import with its preview read again with these settings. */
export const PATCH = withProblem(async (req, { params }: Context) => {
  const user = await requireUser(req);
  const { id } = await params;
  const { settings } = ImportSettingsUpdateSchema.parse(await readJsonBody(req));
  return jsonResponse(await importsOf(user.userId).updateSettings(id, settings));
});

/** DELETE /api/imports/{id} -> 202: "Undo this import" deletes exactly the expenses it created. */
export const DELETE = withProblem(async (req, { params }: Context) => {
  const user = await requireUser(req);
  const { id } = await params;
  return jsonResponse(await importsOf(user.userId).undo(id), { status: 202 });
});
