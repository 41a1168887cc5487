import { importFunction } from "./imports";
import { deployedRole } from "./roles";
import { bucket, importsPrefix, receiptsPrefix, table } from "./storage";

/**
 * Which reader scans receipt photos (server/receipt-reader.ts reads `kind`): Textract's AnalyzeExpense on AWS.
 * The local stack links tesseract.js instead (local/stack.ts); the handler never asks where it runs.
 */
export const receiptReader = new sst.Linkable("ReceiptReader", { properties: { kind: "textract" } });

/** Lambda's default for asynchronous invocations, set explicitly so that it is asserted and the destination applies. */
export const receiptRetries = 2;

/**
 * The receipt function's on-failure destination: once an upload's event has failed every attempt, Lambda hands
 * it the failed event and the upload settles as not processed instead of staying pending for ever.
 */
export const receiptFailedFunction = new sst.aws.Function("ReceiptFailed", {
  handler: "functions/receipt-failed.handler",
  link: [table, bucket],
  transform: deployedRole,
});

/**
 * The Files bucket's event subscribers (DESIGN.md "Functions"). SST allows one `notify` per bucket (a second
 * call throws), so every subscriber is one entry of this call, each on its own prefix: receipts/ and imports/.
 */
export const bucketNotifications = bucket.notify({
  notifications: [
    {
      // Checks an uploaded receipt (magic bytes), strips its EXIF, writes it back with a thumbnail and marks the
      // expense's receipt ready or rejected; reads a scan's photo with Textract.
      name: "ReceiptUploaded",
      function: {
        handler: "functions/receipt.handler",
        link: [table, bucket, receiptReader],
        // sharp is native: SST installs its linux build beside the bundle. heic-decode is wasm inlined in JS
        // and bundles like any other package. tesseract.js (the local reader, imported only when it is the
        // link's kind) stays out of the bundle: its worker script and language data are files, not modules.
        nodejs: { install: ["sharp"], esbuild: { external: ["tesseract.js", "@tesseract.js-data/eng"] } },
        // AnalyzeExpense has no resource-level permissions (IAM's service reference: no resource types), so
        // its statement names "*"; it reads the photo from S3 as this role, which the bucket link allows.
        // Lambda delivers the failed event to the destination as this role.
        permissions: [
          { actions: ["textract:AnalyzeExpense"], resources: ["*"] },
          { actions: ["lambda:InvokeFunction"], resources: [receiptFailedFunction.arn] },
        ],
        // Lambda allots CPU in proportion to memory; sharp's resize and re-encode are CPU-bound.
        memory: "1536 MB",
        timeout: "60 seconds",
        retries: receiptRetries,
        transform: {
          ...deployedRole,
          eventInvokeConfig: (args) => {
            args.destinationConfig = { onFailure: { destination: receiptFailedFunction.arn } };
          },
        },
      },
      // Browsers upload with presigned POSTs. The function's own writes (the cleaned file, the thumbnail) are
      // PutObjects, which must not notify it again: no `s3:ObjectCreated:*` here.
      events: ["s3:ObjectCreated:Post"],
      filterPrefix: receiptsPrefix,
    },
    {
      // Reads an uploaded CSV and detects its settings (the preview). The function is declared in infra/imports.ts
      // (the site links it to invoke commit and undo), so the notification names it by ARN; SST still adds the
      // permission for S3 to invoke it from this bucket.
      name: "ImportUploaded",
      function: importFunction.arn,
      // Browsers upload with presigned POSTs; nothing else writes under imports/.
      events: ["s3:ObjectCreated:Post"],
      filterPrefix: importsPrefix,
    },
  ],
});
