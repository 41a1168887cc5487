import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/**
 * How long one DynamoDB call may take, retries included, so that no request hangs on a database that is down
 * or stalled: a connection must open within 1 s and an open one must not stay silent for 1.5 s (DynamoDB
 * answers in milliseconds; its largest Query page in tens), and a call is tried twice. Worst case about 3.2 s
 * per call, which lib/http turns into a 503 well inside a client's 5 s patience. The SDK's retry quota (a token
 * bucket per client) also stops retrying at all when most calls fail, so an outage does not double the load.
 */
export const DYNAMODB_CALL_LIMITS = { connectionTimeoutMs: 1_000, requestTimeoutMs: 1_500, maxAttempts: 2 } as const;

/**
 * A document client as the repositories expect it. Region, credentials and endpoint come from the standard
 * environment (AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB locally), so the same code runs on AWS and on the
 * local stack. Optional attributes are simply left out of items (removeUndefinedValues); numbers past 2^53
 * (aggregate totals) come back as bigint, never as a rounded double.
 */
export function createDocumentClient(config: DynamoDBClientConfig = {}): DynamoDBDocumentClient {
  const bounded: DynamoDBClientConfig = {
    maxAttempts: DYNAMODB_CALL_LIMITS.maxAttempts,
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
