/**
 * S3 ObjectCreated:Post under receipts/ -> check, clean and thumbnail the upload, settle the expense's receipt
 * (lib/receipts/process-upload.ts). A thrown error makes Lambda retry the event (twice, asynchronously).
 */
import { Resource } from "sst";
import { sharedDocumentClient } from "../lib/dynamo-client";
import { createdObjectsOf } from "../lib/events/s3-object-created";
import { createReceiptFiles } from "../lib/receipts/receipt-files";
import { processUploadedReceipt, type ProcessOutcome } from "../lib/receipts/process-upload";
import { sharedS3Client } from "../lib/s3-client";

const client = sharedDocumentClient();
const s3 = sharedS3Client();

export async function handler(event: unknown): Promise<ProcessOutcome[]> {
  const files = createReceiptFiles({ s3, bucket: Resource.Files.name });
  const deps = { client, tableName: Resource.Expenses.name, files };
  const outcomes: ProcessOutcome[] = [];
  // One record per event from S3 in practice; several are handled in order.
  for (const object of createdObjectsOf(event)) outcomes.push(await processUploadedReceipt(deps, object.key));
  return outcomes;
}
