/**
 * The Expenses table's stream (expense items only, NEW_AND_OLD_IMAGES) -> for each user-month the batch touches,
 * analytics/expenses/month=YYYY-MM/user=<hash>.ndjson rebuilt from the table (unless it already shows the batch's
 * changes), and the QuickSight manifest kept (lib/analytics). A thrown error makes Lambda retry the batch (twice,
 * then it is dropped: the next change to that month's rows, or a backfill, repairs the object).
 */
import type { DynamoDBStreamEvent } from "aws-lambda";
import { Resource } from "sst";
import { createAnalyticsFeed, type AnalyticsFeed, type RebuildOutcome } from "../lib/analytics/analytics-feed";
import { touchedUserMonths } from "../lib/analytics/touched-user-months";
import { sharedDocumentClient } from "../lib/dynamo-client";
import { sharedS3Client } from "../lib/s3-client";
import { localMode } from "../server/local-mode";

// Emulator endpoints outside the local stage stop the function here, at init, with the reason.
localMode();
const client = sharedDocumentClient();
const s3 = sharedS3Client();
/** Per Lambda instance, like the clients: it remembers that the manifest exists and what it wrote last. */
let feed: AnalyticsFeed | undefined;

export async function handler(event: DynamoDBStreamEvent): Promise<RebuildOutcome[]> {
  feed ??= createAnalyticsFeed({ client, s3, tableName: Resource.Expenses.name, bucket: Resource.Files.name });
  const userMonths = touchedUserMonths(event);
  await feed.ensureManifest();
  // A few at a time: a batch usually touches one or two user-months, an import a dozen; each rebuild reads its
  // whole month, and a burst of parallel month reads would only compete with the table's own traffic.
  return feed.refreshAll(userMonths, { concurrency: 4 });
}
