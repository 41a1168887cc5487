import "./links";
import { router } from "./router";
import { devOrigin, isProduction } from "./stage";

/**
 * The single table of DESIGN.md ("Data model"). The key layout must equal `expensesTableDefinition` in
 * local/table.ts (the local emulator's copy); infra/storage.test.ts compares the two.
 */
export const table = new sst.aws.Dynamo("Expenses", {
  fields: { userId: "string", sk: "string", dateKey: "string", catKey: "string" },
  primaryIndex: { hashKey: "userId", rangeKey: "sk" },
  localIndexes: { byDate: { rangeKey: "dateKey", projection: "all" } },
  globalIndexes: { byCategory: { hashKey: "catKey", rangeKey: "dateKey", projection: "all" } },
  stream: "new-and-old-images",
  // Idempotency records carry an epoch-seconds `ttl`; DynamoDB deletes them (within ~48 h) after it passes.
  ttl: "ttl",
  // Point-in-time recovery is on by default in sst.aws.Dynamo; the tests assert it stays on.
  deletionProtection: isProduction,
});

/** Days an uploaded import CSV is kept: the import function reads it once; the report lives in the table. */
export const importRetentionDays = 7;

/** Days after which an unfinished multipart upload is aborted (its parts are billed until then). */
export const incompleteUploadDays = 1;

/** Where browsers upload receipts (receipts/<userId>/<expenseId>/…); the receipt function is notified there. */
export const receiptsPrefix = "receipts/";

/** Where browsers upload import CSVs (imports/<userId>/<importId>.csv, lib/imports/import-files.ts); the import function is notified there. */
export const importsPrefix = "imports/";

/**
 * The tag every receipt upload carries (the presigned POST's `tagging` field). The receipt function rewrites an
 * accepted file with PutObject, which drops the tag, and deletes a rejected one; so a tagged object is an upload
 * that never became `ready` (the function failed, or never ran) and expires. lib/receipts/receipt-keys.ts holds
 * the same key and value (lib/ does not import infra/): change both together.
 */
export const unprocessedReceiptTag = { key: "ledgerline-receipt", value: "unprocessed" };

/**
 * The tag the receipt function writes a scan's photo (and thumbnail) with until the expense is saved, which
 * removes it; so a tagged object is a scan nobody saved and expires after the scan itself (2 days,
 * lib/receipts/scan-item.ts). lib/receipts/receipt-keys.ts holds the same key and value.
 */
export const unsavedScanTag = { key: "ledgerline-receipt", value: "unsaved-scan" };
export const unsavedScanDays = 3;

/** Days an unprocessed receipt upload is kept: the function runs within seconds, retries included. */
export const unprocessedReceiptDays = 2;

/**
 * Receipts (receipts/<userId>/<expenseId>/…), CSV imports (imports/…) and the analytics export (analytics/…).
 * Private: no public access, no bucket policy but the HTTPS-only deny; browsers reach objects only through
 * short-lived presigned POST/GET URLs signed by the server.
 */
export const bucket = new sst.aws.Bucket("Files", {
  cors: {
    // Presigned POST uploads come from the site's origin (and from `next dev` under `sst dev`), nowhere else.
    allowOrigins: $dev ? [router.url, devOrigin] : [router.url],
    allowMethods: ["POST", "GET", "HEAD"],
    allowHeaders: ["content-type"],
    // S3 answers a presigned POST with 201 + Location/ETag when success_action_status=201.
    exposeHeaders: ["ETag", "Location"],
    maxAge: "1 hour",
  },
  lifecycle: [{ id: "expire-imports", prefix: importsPrefix, expiresIn: `${importRetentionDays} days` }],
  transform: {
    // SST force-destroys buckets by default (empties them on removal); production data is never emptied.
    bucket: (args) => {
      args.forceDestroy = !isProduction;
    },
    // sst.aws.Bucket's `lifecycle` has no abort-incomplete-multipart rule and no tag filter: append those rules.
    lifecycle: (args) => {
      args.rules = $output(args.rules).apply((rules) => [
        ...(rules ?? []),
        {
          id: "abort-incomplete-uploads",
          status: "Enabled",
          filter: { prefix: "" },
          abortIncompleteMultipartUpload: { daysAfterInitiation: incompleteUploadDays },
        },
        {
          // Processed receipts (untagged) and thumbnails are kept for as long as their expense.
          id: "expire-unprocessed-receipts",
          status: "Enabled",
          filter: { and: { prefix: receiptsPrefix, tags: { [unprocessedReceiptTag.key]: unprocessedReceiptTag.value } } },
          expiration: { days: unprocessedReceiptDays },
        },
        {
          id: "expire-unsaved-scans",
          status: "Enabled",
          filter: { and: { prefix: receiptsPrefix, tags: { [unsavedScanTag.key]: unsavedScanTag.value } } },
          expiration: { days: unsavedScanDays },
        },
      ]);
    },
  },
});
