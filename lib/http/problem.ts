import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { DomainError, ServiceUnavailableError, TooManyRequestsError, ValidationError } from "../errors";
import { isServiceUnreachable, serviceUnreachable } from "../service-unreachable";
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

/** A thrown value as the domain error it stands for: a ZodError is the client's 422, an unreachable AWS service a 503. */
function knownError(error: unknown): unknown {
  if (error instanceof ZodError) return fromZod(error);
  if (isServiceUnreachable(error)) {
    console.warn(JSON.stringify({ level: "warn", msg: "service unreachable", error: String(error) }));
    return serviceUnreachable();
  }
  return error;
}

/** The problem of an error already through knownError; anything but a DomainError is a generic 500, logged, never echoed. */
function problemOf(known: unknown, requestId: string): Problem {
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
  console.error(JSON.stringify({ level: "error", requestId, error: String(known), stack: known instanceof Error ? known.stack : undefined }));
  return { type: TYPE_BASE + "internal", title: "Something went wrong on our side", status: 500, requestId };
}

/** Maps any thrown value to a problem; unexpected errors become a generic 500 and are logged, never echoed. */
export function toProblem(error: unknown, requestId: string): Problem {
  return problemOf(knownError(error), requestId);
}

/** A problem and the headers it goes out with (Retry-After on 429 and 503), for responses built elsewhere (functions/export.ts). */
export function toProblemResponseParts(error: unknown, requestId: string): { problem: Problem; headers: Record<string, string> } {
  const known = knownError(error);
  const problem = problemOf(known, requestId);
  const headers: Record<string, string> = { "content-type": PROBLEM_CONTENT_TYPE, "x-request-id": requestId };
  if (known instanceof TooManyRequestsError || known instanceof ServiceUnavailableError) headers["retry-after"] = String(known.retryAfterSeconds);
  return { problem, headers };
}

export function problemResponse(error: unknown, requestId: string = randomUUID()): Response {
  const { problem, headers } = toProblemResponseParts(error, requestId);
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
