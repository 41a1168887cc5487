/**
 * The import function. On S3 ObjectCreated:Post under imports/ it reads the uploaded CSV and detects its
 * settings (the preview); invoked asynchronously by the API with a command it commits or undoes an import.
 * A thrown error makes Lambda retry (twice); commit and undo resume where they stopped. An account deleted
 * while its import runs ends the run quietly: there is nothing left to resume.
 */
import { Resource } from "sst";
import { AccountClosedError } from "../lib/account/closed-account";
import { sharedDocumentClient } from "../lib/dynamo-client";
import { createdObjectsOf, S3EventSchema } from "../lib/events/s3-object-created";
import { commitImport } from "../lib/imports/commit-import";
import { detectImport } from "../lib/imports/detect-import";
import { createImportFiles } from "../lib/imports/import-files";
import { ImportCommandSchema } from "../lib/imports/import-schemas";
import { undoImport } from "../lib/imports/undo-import";
import { createReceiptFiles } from "../lib/receipts/receipt-files";
import { sharedS3Client } from "../lib/s3-client";
import { localMode } from "../server/local-mode";

// Emulator endpoints outside the local stage stop the function here, at init, with the reason.
localMode();
const client = sharedDocumentClient();
const s3 = sharedS3Client();

function unlessAccountClosed<T>(work: Promise<T>): Promise<T | { outcome: "account closed" }> {
  return work.catch((error: unknown) => {
    if (error instanceof AccountClosedError) return { outcome: "account closed" as const };
    throw error;
  });
}

export async function handler(event: unknown): Promise<unknown> {
  const deps = { client, tableName: Resource.Expenses.name, files: createImportFiles({ s3, bucket: Resource.Files.name }) };
  if (S3EventSchema.safeParse(event).success) {
    const outcomes = [];
    for (const object of createdObjectsOf(event)) outcomes.push(await detectImport(deps, object.key));
    return outcomes;
  }
  const command = ImportCommandSchema.parse(event);
  if (command.action === "commit") return [await unlessAccountClosed(commitImport(deps, command.userId, command.importId))];
  const receipts = createReceiptFiles({ s3, bucket: Resource.Files.name });
  return [await unlessAccountClosed(undoImport({ ...deps, removeFiles: (userId, expenseId) => receipts.removeAllOf(userId, expenseId) }, command.userId, command.importId))];
}
