import { S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";

/**
 * An S3 client as lib/receipts expects it. Region, credentials and endpoint come from the standard environment
 * (AWS_ENDPOINT_URL_S3 on the local stack, whose emulator only understands path-style addresses).
 */
export function createS3Client(env: Readonly<Record<string, string | undefined>> = process.env, config: S3ClientConfig = {}): S3Client {
  return new S3Client({ forcePathStyle: Boolean(env.AWS_ENDPOINT_URL_S3), ...config });
}

let shared: S3Client | undefined;

/** One client per process (Lambda instance): connections are reused across invocations. */
export function sharedS3Client(): S3Client {
  shared ??= createS3Client();
  return shared;
}
