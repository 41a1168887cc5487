import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { DomainError, ServiceUnavailableError, TooManyRequestsError, ValidationError } from "../errors";
import { requestIdOf } from "./request-id";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";
const TYPE_BASE = "https://ledgerline.dev/problems/";

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId: string;
  [extra: string]: unknown;
};

function fromZod(error: ZodError): ValidationError {
  return new ValidationError(
    error.issues.flatMap((issue) => {
      const path = issue.path.map(String).join(".");
      // An unknown key is reported at the key itself, so the client sees which field to drop.
      if (issue.code === "unrecognized_keys") {
        return issue.keys.map((key) => ({ path: path ? `${path}.${key}` : key, message: "is not a known field" }));
      }
      return [{ path: path || "(body)", message: issue.message }];
    }),
  );
}

/** Maps any thrown value to a problem; unexpected errors become a generic 500 and are logged, never echoed. */
export function toProblem(error: unknown, requestId: string): Problem {
  const known = error instanceof ZodError ? fromZod(error) : error;
  if (known instanceof DomainError) {
    return {
      type: TYPE_BASE + known.type,
      title: known.title,
      status: known.status,
      ...(known.detail ? { detail: known.detail } : {}),
      ...known.extra,
      requestId,
    };
  }
  console.error(JSON.stringify({ level: "error", requestId, error: String(error), stack: error instanceof Error ? error.stack : undefined }));
  return { type: TYPE_BASE + "internal", title: "Something went wrong on our side", status: 500, requestId };
}

/** The Retry-After header a refusal asks the client to honour (429, 503), if any. */
export function retryAfterHeader(error: unknown): { "retry-after": string } | Record<string, never> {
  return error instanceof TooManyRequestsError || error instanceof ServiceUnavailableError ? { "retry-after": String(error.retryAfterSeconds) } : {};
}

export function problemResponse(error: unknown, requestId: string = randomUUID()): Response {
  const problem = toProblem(error, requestId);
  const headers = new Headers({ "content-type": PROBLEM_CONTENT_TYPE, "x-request-id": requestId, ...retryAfterHeader(error) });
  return new Response(JSON.stringify(problem), { status: problem.status, headers });
}

/** Wraps a route handler: every response carries a request id; every throw becomes problem+json. */
export function withProblem<Args extends unknown[]>(
  handler: (req: Request, ...args: Args) => Promise<Response>,
): (req: Request, ...args: Args) => Promise<Response> {
  return async (req, ...args) => {
    const requestId = requestIdOf(req.headers);
    try {
      const res = await handler(req, ...args);
      res.headers.set("x-request-id", requestId);
      return res;
    } catch (error) {
      return problemResponse(error, requestId);
    }
  };
}
