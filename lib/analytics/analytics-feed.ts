/**
 * The analytics feed's I/O: rebuild one user-month's object from the table, keep the QuickSight manifest, list
 * and delete feed objects. The caller (functions/analytics.ts, the backfill) hands in the clients and names.
 *
 * A rebuild reads the month back from the table (the source of truth) instead of applying the stream records
 * it was told about, so a replayed, reordered or partly failed batch can never leave an object wrong: the last
 * rebuild of a user-month wins, and it reflects the table as it was when it ran. On AWS every record of one user
 * (one partition key) is on one shard and a shard's batches run one at a time, so two rebuilds of a user-month
 * never race each other.
 */
import { DeleteObjectCommand, DeleteObjectsCommand, HeadObjectCommand, ListObjectsV2Command, NotFound, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { QueryCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { BY_DATE_INDEX, dateKeyRange, ExpenseItemSchema, parseStored } from "../expenses/items";
import { ReceiptStatusSchema } from "../schemas";
import { ANALYTICS_EXPENSES_PREFIX, QUICKSIGHT_MANIFEST_KEY, quicksightManifest, userHashOf, userMonthKey, type UserMonth } from "./analytics-keys";
import { ndjsonOf, toAnalyticsRow, type AnalyticsRowSource } from "./analytics-row";

/**
 * The attributes a row needs, and only those: a rebuild reads a whole month, and an import or a bulk load makes
 * it read the same months again and again, so the Query projects (no description, search text, tags).
 */
const RowItemSchema = ExpenseItemSchema.pick({ id: true, date: true, amountMinor: true, currency: true, category: true, merchant: true }).extend({
  receipt: z.object({ status: ReceiptStatusSchema }).optional().catch(undefined),
});
const ROW_PROJECTION = {
  ProjectionExpression: "id, #date, amountMinor, currency, category, merchant, receipt.#status",
  ExpressionAttributeNames: { "#date": "date", "#status": "status" },
};

export type AnalyticsFeedDeps = { client: DynamoDBDocumentClient; tableName: string; s3: S3Client; bucket: string };

export type RebuildOutcome = {
  outcome: "written" | "deleted";
  month: string;
  /** The user's pseudonym, never the userId (this ends up in logs). */
  user: string;
  key: string;
  rows: number;
};

export type FeedObject = { key: string; lastModified?: Date };

export type AnalyticsFeed = ReturnType<typeof createAnalyticsFeed>;

export function createAnalyticsFeed({ client, tableName, s3, bucket }: AnalyticsFeedDeps) {
  let isManifestPresent = false;

  /**
   * Every expense of a user-month: one Query on the LSI byDate (dateKey = <date>#<id>) from "<month>-01" to
   * "<month>-31#~" — a string range, so it holds for short months too — paged, strongly consistent, so a
   * rebuild triggered by a write always sees that write.
   */
  async function expensesOf({ userId, month }: UserMonth): Promise<AnalyticsRowSource[]> {
    const { low, high } = dateKeyRange(`${month}-01`, `${month}-31`);
    const expenses: AnalyticsRowSource[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: BY_DATE_INDEX,
          KeyConditionExpression: "userId = :pk AND dateKey BETWEEN :low AND :high",
          ExpressionAttributeValues: { ":pk": userId, ":low": low, ":high": high },
          ConsistentRead: true,
          ...ROW_PROJECTION,
          ExclusiveStartKey: startKey,
        }),
      );
      expenses.push(...(page.Items ?? []).map((item) => parseStored(RowItemSchema, item, "expense")));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return expenses;
  }

  async function putManifest(): Promise<void> {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: QUICKSIGHT_MANIFEST_KEY, Body: quicksightManifest(bucket), ContentType: "application/json" }));
    isManifestPresent = true;
  }

  /** Writes the user-month's object from the table, or deletes it when the month has no expenses left. */
  async function rebuild(userMonth: UserMonth): Promise<RebuildOutcome> {
    const user = userHashOf(userMonth.userId);
    const key = userMonthKey(userMonth);
    const rows = (await expensesOf(userMonth)).map((expense) => toAnalyticsRow(user, expense));
    if (rows.length === 0) {
      // Deleting an absent key succeeds: a replayed delete is a no-op.
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      return { outcome: "deleted", month: userMonth.month, user, key, rows: 0 };
    }
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: ndjsonOf(rows), ContentType: "application/x-ndjson" }));
    return { outcome: "written", month: userMonth.month, user, key, rows: rows.length };
  }

  return {
    rebuild,

    /**
     * Rebuilds user-months, `concurrency` at a time (each is independent: its own Query and its own object);
     * outcomes in the order given. The first failure fails the whole call, after the rebuilds in flight end.
     */
    async rebuildAll(
      userMonths: readonly UserMonth[],
      { concurrency = 8, onRebuilt }: { concurrency?: number; onRebuilt?: (outcome: RebuildOutcome, done: number) => void } = {},
    ): Promise<RebuildOutcome[]> {
      const outcomes: RebuildOutcome[] = new Array<RebuildOutcome>(userMonths.length);
      let next = 0;
      let done = 0;
      let hasFailed = false;
      const worker = async () => {
        while (next < userMonths.length && !hasFailed) {
          const index = next++;
          const userMonth = userMonths[index];
          if (userMonth === undefined) continue;
          const outcome = await rebuild(userMonth).catch((error: unknown) => {
            hasFailed = true;
            throw error;
          });
          outcomes[index] = outcome;
          onRebuilt?.(outcome, ++done);
        }
      };
      const results = await Promise.allSettled(Array.from({ length: Math.min(concurrency, userMonths.length) }, worker));
      const failed = results.find((result) => result.status === "rejected");
      if (failed) throw failed.reason;
      return outcomes;
    },

    /**
     * Writes the manifest when it is absent. Checked once per process (a Lambda instance): the manifest never
     * changes, and the backfill rewrites it if someone deleted it.
     */
    async ensureManifest(): Promise<void> {
      if (isManifestPresent) return;
      try {
        await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: QUICKSIGHT_MANIFEST_KEY }));
        isManifestPresent = true;
      } catch (error) {
        if (!(error instanceof NotFound)) throw error;
        await putManifest();
      }
    },

    writeManifest: putManifest,

    /** Every object under analytics/expenses/ (the backfill compares them with the table). */
    async objects(): Promise<FeedObject[]> {
      const found: FeedObject[] = [];
      let token: string | undefined;
      do {
        const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: ANALYTICS_EXPENSES_PREFIX, ContinuationToken: token }));
        for (const object of page.Contents ?? []) if (object.Key) found.push({ key: object.Key, lastModified: object.LastModified });
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return found;
    },

    async remove(keys: readonly string[]): Promise<void> {
      for (let i = 0; i < keys.length; i += 1000) {
        const batch = keys.slice(i, i + 1000);
        const { Errors } = await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }));
        if (Errors && Errors.length > 0) throw new Error(`could not delete ${Errors.length} analytics object(s): ${Errors[0]?.Code ?? "?"}`);
      }
    },
  };
}
