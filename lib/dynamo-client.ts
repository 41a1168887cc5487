import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/**
 * How long one DynamoDB call may take, so that no request hangs on a database that is down or stalled: a
 * connection must open within 2 s, and an open one must answer within 4 s (DynamoDB answers in milliseconds;
 * the margin is for a loaded laptop running DynamoDB Local). A refused, reset or slow-to-open connection, a
 * throttle or a server error is retried once; a request that waited its whole 4 s is not (the wait is spent).
 * A database that is down answers in well under a second, a stalled one in about 4 s: lib/http turns either
 * into a 503 inside a client's 5 s patience.
 */
export const DYNAMODB_CALL_LIMITS = { connectionTimeoutMs: 2_000, requestTimeoutMs: 4_000, maxAttempts: 2 } as const;

type RetryToken = { getRetryCount(): number; getRetryDelay(): number };
type RetryErrorInfo = { error?: Error; errorType: "TRANSIENT" | "THROTTLING" | "SERVER_ERROR" | "CLIENT_ERROR" };

const retryToken = (count: number, delayMs: number): RetryToken => ({ getRetryCount: () => count, getRetryDelay: () => delayMs });

/** The HTTP handler's error for a request that exceeded requestTimeout (a connect timeout carries no code). */
function isRequestTimeout(error: Error | undefined): boolean {
  return error?.name === "TimeoutError" && "code" in error && error.code === "ETIMEDOUT";
}

/** The SDK's retry hook: once, after a short jittered pause, for anything but a client error or a request timeout. */
const retryOnceUnlessTimedOut = {
  acquireInitialRetryToken: async () => retryToken(0, 0),
  async refreshRetryTokenForRetry(token: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
    const count = token.getRetryCount() + 1;
    if (info.errorType === "CLIENT_ERROR" || isRequestTimeout(info.error) || count >= DYNAMODB_CALL_LIMITS.maxAttempts) {
      throw info.error ?? new Error("not retried");
    }
    return retryToken(count, 50 + Math.floor(Math.random() * 100));
  },
  recordSuccess: () => {},
};

/**
 * A document client as the repositories expect it. Region, credentials and endpoint come from the standard
 * environment (AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB locally), so the same code runs on AWS and on the
 * local stack. Optional attributes are simply left out of items (removeUndefinedValues); numbers past 2^53
 * (aggregate totals) come back as bigint, never as a rounded double.
 */
export function createDocumentClient(config: DynamoDBClientConfig = {}): DynamoDBDocumentClient {
  const bounded: DynamoDBClientConfig = {
    retryStrategy: retryOnceUnlessTimedOut,
    requestHandler: {
      connectionTimeout: DYNAMODB_CALL_LIMITS.connectionTimeoutMs,
      requestTimeout: DYNAMODB_CALL_LIMITS.requestTimeoutMs,
      // Without it the handler only logs a warning when requestTimeout passes, and the call waits for ever.
      throwOnRequestTimeout: true,
    },
  };
  return DynamoDBDocumentClient.from(new DynamoDBClient({ ...bounded, ...config }), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

let shared: DynamoDBDocumentClient | undefined;

/** One client per process (Lambda instance): connections are reused across requests. */
export function sharedDocumentClient(): DynamoDBDocumentClient {
  shared ??= createDocumentClient();
  return shared;
}
