import { S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import { boundedCalls, type CallLimits } from "./aws-call-limits";

/**
 * S3 answers small calls in tens of milliseconds; the request timeout is the longest silence on an open
 * connection, so a receipt or import file that keeps arriving is never cut off.
 */
export const S3_CALL_LIMITS: CallLimits = { connectionTimeoutMs: 2_000, requestTimeoutMs: 4_000, maxAttempts: 2 };

/**
 * An S3 client as lib/receipts expects it. Region, credentials and endpoint come from the standard environment
 * (AWS_ENDPOINT_URL_S3 on the local stack, whose emulator only understands path-style addresses).
 */
export function createS3Client(env: Readonly<Record<string, string | undefined>> = process.env, config: S3ClientConfig = {}): S3Client {
  return new S3Client({ ...boundedCalls(S3_CALL_LIMITS), forcePathStyle: Boolean(env.AWS_ENDPOINT_URL_S3), ...config });
}

let shared: S3Client | undefined;

/** One client per process (Lambda instance): connections are reused across invocations. */
export function sharedS3Client(): S3Client {
  shared ??= createS3Client();
  return shared;
}
