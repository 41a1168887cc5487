/**
 * GET /api/export: the signed-in user's expenses as a streamed CSV download, behind a Lambda Function URL with
 * response streaming (the Router sends /api/export here; locally the runner's Function URL emulation does).
 * The raw URL is public, so the token is verified here exactly as the API verifies it. Bad input is a
 * problem+json before the first byte; a failure mid-stream rejects, which makes Lambda abort the response,
 * so the download fails visibly instead of ending short.
 */
import type { StreamifyHandler } from "aws-lambda";
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Resource } from "sst";
import { exportFileName, expensesCsv } from "../lib/csv/expenses-csv";
import { sharedDocumentClient } from "../lib/dynamo-client";
import { exportPages } from "../lib/expenses/read-expenses";
import { functionUrlRequest } from "../lib/http/function-url-request";
import { toProblemResponseParts } from "../lib/http/problem";
import { queryParams } from "../lib/http/query";
import { requestIdOf } from "../lib/http/request-id";
import { ExportQuerySchema, type ExpenseJson } from "../lib/schemas";
import { requireUser } from "../server/auth";
import { rateLimiters } from "../server/rate-limits";
import { localMode } from "../server/local-mode";

// Emulator endpoints outside the local stage stop the function here, at init, with the reason.
localMode();
const client = sharedDocumentClient();
const PRIVATE = { "cache-control": "private, no-store", "x-content-type-options": "nosniff" };

async function* prefetched(first: IteratorResult<ExpenseJson[]>, rest: AsyncIterator<ExpenseJson[]>): AsyncGenerator<ExpenseJson[]> {
  if (first.done) return;
  yield first.value;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

const exportCsv: StreamifyHandler<unknown, void> = async (event, responseStream) => {
  let requestId: string = randomUUID();
  let body: Readable;
  let fileName: string;
  try {
    const parsed = functionUrlRequest(event);
    requestId = requestIdOf(parsed.request.headers, () => parsed.requestId);
    const user = await requireUser(parsed.request);
    await rateLimiters().exports.consume(user.userId);
    const filters = ExportQuerySchema.parse(queryParams(parsed.request));
    const pages = exportPages({ client, tableName: Resource.Expenses.name, userId: user.userId }, filters);
    // The first page is read before the status is sent: a table that cannot be read is a problem (503 while it is
    // unreachable), not a cut download.
    body = expensesCsv(prefetched(await pages.next(), pages));
    fileName = exportFileName(filters, new Date().toISOString().slice(0, 10));
  } catch (error) {
    const { problem, headers } = toProblemResponseParts(error, requestId);
    const out = awslambda.HttpResponseStream.from(responseStream, { statusCode: problem.status, headers: { ...headers, ...PRIVATE } });
    out.end(JSON.stringify(problem));
    return;
  }
  const out = awslambda.HttpResponseStream.from(responseStream, {
    statusCode: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName}"`,
      "x-request-id": requestId,
      ...PRIVATE,
    },
  });
  await pipeline(body, out);
};

export const handler = awslambda.streamifyResponse(exportCsv);
