import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/**
 * A document client as the repositories expect it. Region, credentials and endpoint come from the standard
 * environment (AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB locally), so the same code runs on AWS and on the
 * local stack. Optional attributes are simply left out of items (removeUndefinedValues); numbers past 2^53
 * (aggregate totals) come back as bigint, never as a rounded double.
 */
export function createDocumentClient(config: DynamoDBClientConfig = {}): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(config), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

let shared: DynamoDBDocumentClient | undefined;

/** One client per process (Lambda instance): connections are reused across requests. */
export function sharedDocumentClient(): DynamoDBDocumentClient {
  shared ??= createDocumentClient();
  return shared;
}
