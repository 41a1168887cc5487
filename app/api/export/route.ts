import { exportFunctionUrl } from "@/server/export-url";
import { forwardToFunctionUrl } from "@/lib/http/forward";
import { withProblem } from "@/lib/http/problem";

/**
 * GET /api/export?from&to&category&q -> a streamed CSV. Served by functions/export.ts; on AWS the Router routes
 * the path to its Function URL and this handler is never reached. Under `npm run dev` and `sst dev` it relays
 * the request (token included) and streams the answer back, so the browser uses one origin everywhere.
 */
export const GET = withProblem(async (req) => forwardToFunctionUrl(req, exportFunctionUrl()));
