import { deployedRole } from "./roles";
import { bucket, table } from "./storage";

/** Lambda's own default for asynchronous invocations, set explicitly so that it is asserted (and DESIGN.md's "retried twice"). */
export const importRetries = 2;

/**
 * How long an asynchronous invocation may wait for its (re)tries: three attempts of up to 15 minutes with Lambda's
 * back-off between them (about 1 and 2 minutes) start within ~35 minutes; an hour covers a throttled queue too,
 * and a user waiting on a commit longer than that should rather see it fail and commit again (it resumes).
 */
export const importEventMaxAgeSeconds = 3600;

/**
 * The CSV import (DESIGN.md "CSV", /api/imports). functions/import.ts runs in two ways:
 *   - S3 notifies it of the browser's presigned POST under imports/ (infra/functions.ts's one `bucket.notify`):
 *     it reads the file and detects its settings for the preview;
 *   - the site invokes it asynchronously (server/imports.ts: InvokeCommand, InvocationType "Event",
 *     FunctionName = Resource.Import.name) to commit or undo an import, so a long import never holds a request.
 * It is a standalone sst.aws.Function (not a FunctionArgs inside `notify`) so that the site can link it; the
 * notification points at its ARN.
 *
 * Both ways are asynchronous invocations: Lambda retries a failure twice, and commit and undo resume where they
 * stopped (each batch is one transaction that records its progress), so a retry never doubles a row.
 */
export const importFunction = new sst.aws.Function("Import", {
  handler: "functions/import.handler",
  link: [table, bucket],
  // Lambda allots CPU in proportion to memory: parsing and mapping a large CSV is CPU-bound, and the whole file
  // (at most 20 MB, MAX_IMPORT_BYTES) is held in memory while it is mapped.
  memory: "1024 MB",
  // A 100k-row commit is ~4,000 transactions of 25 rows (each with its markers, aggregates and progress), written
  // one after another, plus a Query per date for the duplicate check: minutes, not seconds. 15 minutes is Lambda's
  // ceiling; an import that still does not finish is resumed by the retry after its last committed batch.
  timeout: "15 minutes",
  retries: importRetries,
  transform: {
    ...deployedRole,
    eventInvokeConfig: (args) => {
      args.maximumEventAgeInSeconds = importEventMaxAgeSeconds;
    },
  },
});
