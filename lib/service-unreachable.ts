import { ServiceUnavailableError } from "./errors";

/** Node's socket errors for a service that is down, restarting or unreachable. */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ECONNABORTED", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
/** The AWS SDK's names for a connection or a request that took longer than the client allows. */
const TIMEOUT_NAMES = new Set(["TimeoutError", "RequestTimeout", "RequestTimeoutException"]);

/** Seconds a client is asked to wait after an outage answer: about how long the SDK's own retries already took. */
export const UNREACHABLE_RETRY_AFTER_SECONDS = 2;

function codeOf(error: object): unknown {
  return "code" in error ? error.code : undefined;
}

/**
 * Whether an error thrown by an AWS SDK call means the service could not be reached (refused, reset,
 * timed out) rather than that it answered: those are worth retrying later, so they become a 503, while an
 * answer (a failed condition, a validation error) keeps its own meaning.
 */
export function isServiceUnreachable(error: unknown): boolean {
  for (let cause: unknown = error, depth = 0; cause instanceof Error && depth < 5; depth++) {
    const code = codeOf(cause);
    if (typeof code === "string" && NETWORK_CODES.has(code)) return true;
    if (TIMEOUT_NAMES.has(cause.name)) return true;
    cause = cause.cause;
  }
  return false;
}

/** The 503 a caller sees while the database (or the bucket) cannot be reached. */
export function serviceUnreachable(): ServiceUnavailableError {
  return new ServiceUnavailableError(UNREACHABLE_RETRY_AFTER_SECONDS, "Our storage cannot be reached right now; try again in a few seconds.");
}
