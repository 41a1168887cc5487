/**
 * S3 ObjectCreated:Post under receipts/ -> check, clean and thumbnail the upload, settle the expense's receipt
 * (lib/receipts/process-upload.ts); a scan's photo is then read by this stage's receipt reader. A thrown error
 * makes Lambda retry the event (twice, asynchronously).
 */
import { Resource } from "sst";
import { sharedDocumentClient } from "../lib/dynamo-client";
import { createdObjectsOf } from "../lib/events/s3-object-created";
import { createReceiptFiles } from "../lib/receipts/receipt-files";
import { processUploadedReceipt, type ProcessOutcome } from "../lib/receipts/process-upload";
import { sharedS3Client } from "../lib/s3-client";
import { createStageReader } from "../lib/receipts/scan/stage-reader";
import { localMode } from "../server/local-mode";

// Emulator endpoints outside the local stage stop the function here, at init, with the reason.
localMode();
const client = sharedDocumentClient();
const s3 = sharedS3Client();
// The stage decides: Textract on AWS, tesseract in the local stack.
const reader = createStageReader(Resource.ReceiptReader.kind);

/** Called by the local runner when its stack stops: tesseract's worker thread would keep the process alive. */
export const shutdown = () => reader.close();

export async function handler(event: unknown): Promise<ProcessOutcome[]> {
  const bucket = Resource.Files.name;
  const files = createReceiptFiles({ s3, bucket });
  const deps = { client, tableName: Resource.Expenses.name, files, reader, bucket };
  const outcomes: ProcessOutcome[] = [];
  // One record per event from S3 in practice; several are handled in order.
  for (const object of createdObjectsOf(event)) outcomes.push(await processUploadedReceipt(deps, object.key));
  return outcomes;
}
