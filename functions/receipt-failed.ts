/**
 * The receipt function's on-failure destination: Lambda invokes it with the failed event once the receipt
 * function's retries are spent, and the upload it was about settles as not processed
 * (lib/receipts/settle-failed-upload.ts) instead of staying `pending` for ever. A thrown error makes Lambda
 * retry this invocation too.
 */
import { Resource } from "sst";
import { sharedDocumentClient } from "../lib/dynamo-client";
import { AsyncInvocationFailureSchema } from "../lib/events/async-invocation-failure";
import { createdObjectsOf } from "../lib/events/s3-object-created";
import { createReceiptFiles } from "../lib/receipts/receipt-files";
import { settleFailedUpload, type FailedUploadOutcome } from "../lib/receipts/settle-failed-upload";
import { sharedS3Client } from "../lib/s3-client";
import { localMode } from "../server/local-mode";

// Emulator endpoints outside the local stage stop the function here, at init, with the reason.
localMode();
const client = sharedDocumentClient();
const s3 = sharedS3Client();

export async function handler(event: unknown): Promise<FailedUploadOutcome[]> {
  const failure = AsyncInvocationFailureSchema.parse(event);
  const deps = { client, tableName: Resource.Expenses.name, files: createReceiptFiles({ s3, bucket: Resource.Files.name }) };
  const outcomes: FailedUploadOutcome[] = [];
  for (const object of createdObjectsOf(failure.requestPayload)) outcomes.push(await settleFailedUpload(deps, object.key));
  return outcomes;
}
