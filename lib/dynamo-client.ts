import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { boundedCalls, type CallLimits } from "./aws-call-limits";

/**
 * DynamoDB answers in milliseconds; the margin is for a loaded laptop running DynamoDB Local. A database that is
 * down answers in well under a second, a stalled one in about 4 s: inside a client's 5 s patience.
 */
export const DYNAMODB_CALL_LIMITS: CallLimits = { connectionTimeoutMs: 2_000, requestTimeoutMs: 4_000, maxAttempts: 2 };

/**
 * A document client as the repositories expect it. Region, credentials and endpoint come from the standard
 * environment (AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB locally), so the same code runs on AWS and on the
 * local stack. Optional attributes are simply left out of items (removeUndefinedValues); numbers past 2^53
 * (aggregate totals) come back as bigint, never as a rounded double.
 */
export function createDocumentClient(config: DynamoDBClientConfig = {}): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient({ ...boundedCalls(DYNAMODB_CALL_LIMITS), ...config }), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

let shared: DynamoDBDocumentClient | undefined;

/** One client per process (Lambda instance): connections are reused across requests. */
export function sharedDocumentClient(): DynamoDBDocumentClient {
  shared ??= createDocumentClient();
  return shared;
}
