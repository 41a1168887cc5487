/**
 * npm run analytics:backfill — rebuilds analytics/ in the Files bucket from the Expenses table
 * (lib/analytics/backfill-analytics.ts): the QuickSight manifest, one object per user-month with expenses, and
 * the deletion of objects whose user-month has none left. Safe to run any time, also while the app is in use:
 * it writes what the stream function would write.
 *
 * On AWS, through SST's links and your own AWS credentials:
 *   npx sst shell --stage <stage> -- npm run analytics:backfill
 * Locally (no SST_RESOURCE_* in the environment): against the running `npm run dev` stack, DynamoDB Local on
 * LOCAL_DYNAMODB_PORT (8000) and S3 on LOCAL_S3_PORT (4568), with the stack's table and bucket names.
 */
import { Resource } from "sst";
import { backfillAnalytics, backfillSummaryLine } from "../lib/analytics/backfill-analytics";
import { createDocumentClient } from "../lib/dynamo-client";
import { createS3Client } from "../lib/s3-client";

/** What local/stack.ts's stackEnv gives the app, for the two resources this needs. */
async function devStackEnv(): Promise<Record<string, string>> {
  const { BUCKET_NAME, LOCAL_CREDENTIALS, LOCAL_REGION, TABLE_NAME } = await import("../local/stack");
  const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
  return {
    SST_RESOURCE_App: JSON.stringify({ name: "ledgerline", stage: "local" }),
    SST_RESOURCE_Expenses: JSON.stringify({ name: TABLE_NAME, type: "sst.aws.Dynamo" }),
    SST_RESOURCE_Files: JSON.stringify({ name: BUCKET_NAME, type: "sst.aws.Bucket" }),
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${port("LOCAL_DYNAMODB_PORT", 8000)}`,
    AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${port("LOCAL_S3_PORT", 4568)}`,
    AWS_REQUEST_CHECKSUM_CALCULATION: "WHEN_REQUIRED",
    AWS_RESPONSE_CHECKSUM_VALIDATION: "WHEN_REQUIRED",
  };
}

async function main() {
  const isLocal = !Object.keys(process.env).some((name) => name.startsWith("SST_RESOURCE_"));
  // Before the first read of `Resource` and before the clients exist: both read the environment once.
  if (isLocal) Object.assign(process.env, await devStackEnv());
  const tableName = Resource.Expenses.name;
  const bucket = Resource.Files.name;
  console.log(`Backfilling s3://${bucket}/analytics/ from table ${tableName}${isLocal ? " (the local `npm run dev` stack)" : ""}…`);
  const client = createDocumentClient();
  const s3 = createS3Client();
  try {
    const summary = await backfillAnalytics({ client, tableName, s3, bucket, log: (line) => console.log(`  ${line}`) });
    console.log(backfillSummaryLine(summary));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = error instanceof Error && "code" in error ? String(error.code) : "";
    const hint = isLocal && /ECONNREFUSED/.test(`${message} ${code}`) ? " — is `npm run dev` running?" : "";
    console.error(`✖ analytics backfill failed: ${message}${hint}`);
    process.exitCode = 1;
  } finally {
    client.destroy();
    s3.destroy();
  }
}

await main();
