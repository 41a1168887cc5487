/**
 * The analytics feed's I/O: rebuild one user-month's object from the table, keep the QuickSight manifest, list
 * and delete feed objects. The caller (functions/analytics.ts, the backfill) hands in the clients and names.
 *
 * A rebuild reads the month back from the table (the source of truth) instead of applying the stream records
 * it was told about, so a replayed, reordered or partly failed batch can never leave an object wrong: the last
 * rebuild of a user-month wins, and it reflects the table as it was when it ran. On AWS every record of one user
 * (one partition key) is on one shard and a shard's batches run one at a time, so two rebuilds of a user-month
 * never race each other.
 *
 * One shortcut, exact: the feed remembers what it last wrote for a user-month (rows and ETag). When that object
 * is still in place (same ETag) and already shows every change of a batch to the month, the month is left as it
 * is. That is what happens to a replayed batch, to an edit that changes nothing a row shows (a description), and
 * when the function runs behind a bulk write: one rebuild reads the rows that the next hundred batches announce.
 */
import { DeleteObjectCommand, DeleteObjectsCommand, HeadObjectCommand, ListObjectsV2Command, NotFound, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { QueryCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { BY_DATE_INDEX, dateKeyRange, parseStored } from "../expenses/items";
import { ANALYTICS_EXPENSES_PREFIX, QUICKSIGHT_MANIFEST_KEY, quicksightManifest, userHashOf, userMonthKey, type UserMonth } from "./analytics-keys";
import { ndjsonOf, RowSourceItemSchema, toAnalyticsRow, type AnalyticsRowSource } from "./analytics-row";
import { showsChanges, type TouchedUserMonth } from "./touched-user-months";

/** The attributes a row needs, and only those: a rebuild reads a whole month (no description, search text, tags). */
const ROW_PROJECTION = {
  ProjectionExpression: "id, #date, amountMinor, currency, category, merchant, receipt.#status",
  ExpressionAttributeNames: { "#date": "date", "#status": "status" },
};

export type AnalyticsFeedDeps = { client: DynamoDBDocumentClient; tableName: string; s3: S3Client; bucket: string };

export type RebuildOutcome = {
  /** "current": the object already showed the batch's changes and was left alone. */
  outcome: "written" | "deleted" | "current";
  month: string;
  /** The user's pseudonym, never the userId (this ends up in logs). */
  user: string;
  key: string;
  rows: number;
};

export type FeedObject = { key: string; lastModified?: Date };

export type AnalyticsFeed = ReturnType<typeof createAnalyticsFeed>;

/** What the feed remembers of the objects it wrote (per process, like the clients); rows beyond this are forgotten. */
const MAX_REMEMBERED_ROWS = 50_000;
type Written = { etag: string | undefined; rowsById: Map<string, string> };

async function mapLimited<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>, onDone?: (result: R, done: number) => void): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let done = 0;
  let hasFailed = false;
  const worker = async () => {
    while (next < items.length && !hasFailed) {
      const index = next++;
      const item = items[index];
      if (item === undefined) continue;
      const result = await work(item).catch((error: unknown) => {
        hasFailed = true;
        throw error;
      });
      results[index] = result;
      onDone?.(result, ++done);
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  const failed = settled.find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
  return results;
}

export function createAnalyticsFeed({ client, tableName, s3, bucket }: AnalyticsFeedDeps) {
  let isManifestPresent = false;
  const written = new Map<string, Written>();
  let rememberedRows = 0;

  const remember = (key: string, entry: Written) => {
    forget(key);
    written.set(key, entry);
    rememberedRows += entry.rowsById.size;
    for (const [oldest, { rowsById }] of written) {
      if (rememberedRows <= MAX_REMEMBERED_ROWS) break;
      written.delete(oldest);
      rememberedRows -= rowsById.size;
    }
  };
  const forget = (key: string) => {
    rememberedRows -= written.get(key)?.rowsById.size ?? 0;
    written.delete(key);
  };

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
      expenses.push(...(page.Items ?? []).map((item) => parseStored(RowSourceItemSchema, item, "expense")));
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
    forget(key);
    if (rows.length === 0) {
      // Deleting an absent key succeeds: a replayed delete is a no-op.
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      remember(key, { etag: undefined, rowsById: new Map() });
      return { outcome: "deleted", month: userMonth.month, user, key, rows: 0 };
    }
    const { ETag } = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: ndjsonOf(rows), ContentType: "application/x-ndjson" }));
    if (ETag) remember(key, { etag: ETag, rowsById: new Map(rows.map((row) => [row.id, JSON.stringify(row)])) });
    return { outcome: "written", month: userMonth.month, user, key, rows: rows.length };
  }

  /** The ETag of the object now in place, or undefined when there is none. */
  async function etagOf(key: string): Promise<string | undefined> {
    try {
      return (await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).ETag;
    } catch (error) {
      if (error instanceof NotFound) return undefined;
      throw error;
    }
  }

  /** Rebuilds a user-month a batch touched, unless the object written here last still shows all its changes. */
  async function refresh(touched: TouchedUserMonth): Promise<RebuildOutcome> {
    const key = userMonthKey(touched);
    const known = written.get(key);
    // The HEAD proves the object is still the one remembered: not rewritten by a backfill, not deleted by hand.
    if (known && showsChanges(known.rowsById, touched.changes) && (await etagOf(key)) === known.etag) {
      return { outcome: "current", month: touched.month, user: userHashOf(touched.userId), key, rows: known.rowsById.size };
    }
    return rebuild(touched);
  }

  return {
    rebuild,

    /**
     * Rebuilds user-months, `concurrency` at a time (each is independent: its own Query and its own object);
     * outcomes in the order given. The first failure fails the whole call, after the rebuilds in flight end.
     */
    rebuildAll(
      userMonths: readonly UserMonth[],
      { concurrency = 8, onRebuilt }: { concurrency?: number; onRebuilt?: (outcome: RebuildOutcome, done: number) => void } = {},
    ): Promise<RebuildOutcome[]> {
      return mapLimited(userMonths, concurrency, rebuild, onRebuilt);
    },

    /** What the stream function does with a batch: refresh each user-month it touches, a few at a time. */
    refreshAll(touched: readonly TouchedUserMonth[], { concurrency = 4 }: { concurrency?: number } = {}): Promise<RebuildOutcome[]> {
      return mapLimited(touched, concurrency, refresh);
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
