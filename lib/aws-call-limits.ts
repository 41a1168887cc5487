/**
 * How long one AWS SDK call may take, so that no request hangs on a service that is down or stalled: a
 * connection must open within `connectionTimeoutMs`, and an open one must not sit silent for longer than
 * `requestTimeoutMs` (Node's socket timeout: a download that keeps sending is never cut off). A refused, reset
 * or slow-to-open connection, a throttle or a server error is retried once; a request that waited its whole
 * timeout is not (the wait is spent). lib/service-unreachable turns what is left into a 503.
 */
export type CallLimits = { readonly connectionTimeoutMs: number; readonly requestTimeoutMs: number; readonly maxAttempts: number };

type RetryToken = { getRetryCount(): number; getRetryDelay(): number };
type RetryErrorInfo = { error?: Error; errorType: "TRANSIENT" | "THROTTLING" | "SERVER_ERROR" | "CLIENT_ERROR" };

const retryToken = (count: number, delayMs: number): RetryToken => ({ getRetryCount: () => count, getRetryDelay: () => delayMs });

/** The HTTP handler's error for a request that exceeded requestTimeout (a connect timeout carries no code). */
function isRequestTimeout(error: Error | undefined): boolean {
  return error?.name === "TimeoutError" && "code" in error && error.code === "ETIMEDOUT";
}

/** The client configuration (retry strategy and HTTP handler timeouts) that keeps every call within `limits`. */
export function boundedCalls(limits: CallLimits) {
  return {
    retryStrategy: {
      acquireInitialRetryToken: async () => retryToken(0, 0),
      async refreshRetryTokenForRetry(token: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
        const count = token.getRetryCount() + 1;
        if (info.errorType === "CLIENT_ERROR" || isRequestTimeout(info.error) || count >= limits.maxAttempts) {
          throw info.error ?? new Error("not retried");
        }
        return retryToken(count, 50 + Math.floor(Math.random() * 100));
      },
      recordSuccess: () => {},
    },
    requestHandler: {
      connectionTimeout: limits.connectionTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // Without it the handler only logs a warning when requestTimeout passes, and the call waits for ever.
      throwOnRequestTimeout: true,
    },
  };
}
