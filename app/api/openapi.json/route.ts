import { withProblem } from "@/lib/http/problem";
import { openApiDocument } from "@/lib/openapi";

let document: ReturnType<typeof openApiDocument> | undefined;

/** GET /api/openapi.json -> the OpenAPI 3.1 document generated from lib/schemas (public, cacheable). */
export const GET = withProblem(async () => {
  document ??= openApiDocument();
  return Response.json(document, { headers: { "cache-control": "public, max-age=300" } });
});
