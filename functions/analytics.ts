/**
 * The Expenses table's stream (expense items only, NEW_AND_OLD_IMAGES) -> for each user-month the batch touches,
 * analytics/expenses/month=YYYY-MM/user=<hash>.ndjson rebuilt from the table, and the QuickSight manifest kept
 * (lib/analytics). A thrown error makes Lambda retry the batch (twice, then it is dropped: the next write to
 * that month, or a backfill, repairs the object).
 */
import type { DynamoDBStreamEvent } from "aws-lambda";
import { Resource } from "sst";
import { createAnalyticsFeed, type AnalyticsFeed, type RebuildOutcome } from "../lib/analytics/analytics-feed";
import { touchedUserMonths } from "../lib/analytics/touched-user-months";
import { sharedDocumentClient } from "../lib/dynamo-client";
import { sharedS3Client } from "../lib/s3-client";

const client = sharedDocumentClient();
const s3 = sharedS3Client();
/** Per Lambda instance, like the clients: it remembers that the manifest exists. */
let feed: AnalyticsFeed | undefined;

export async function handler(event: DynamoDBStreamEvent): Promise<RebuildOutcome[]> {
  feed ??= createAnalyticsFeed({ client, s3, tableName: Resource.Expenses.name, bucket: Resource.Files.name });
  const userMonths = touchedUserMonths(event);
  await feed.ensureManifest();
  return feed.rebuildAll(userMonths);
}
