/**
 * Removes every item of one user's partition. This is the one place a whole partition is read (DESIGN forbids
 * it everywhere else): deleting an account must remove items of every kind — expenses, aggregates, budgets,
 * settings, imports, idempotency and rate-limit records, kinds added later — and only the partition holds
 * them all. It is a keys-only Query (no Scan, no filter), once in an account's life, and costs what the user
 * stored: nothing another user owns is ever read. Index entries (byDate, byCategory) go with their items.
 */
import { BatchWriteCommand, QueryCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { ServiceUnavailableError } from "../errors";

export type DeletePartitionDeps = {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** Waits between retries of unprocessed deletes; injectable so tests need not sleep. */
  sleep?: (ms: number) => Promise<void>;
  /** Keys per Query page (DynamoDB's own 1 MB pages when absent); tests set it small to exercise paging. */
  pageLimit?: number;
};

/** BatchWriteItem takes at most 25 requests. */
export const BATCH_SIZE = 25;
/** Batches in flight at once: quick for a large account, gentle on the table's capacity. */
const PARALLEL_BATCHES = 4;
const MAX_ATTEMPTS = 8;
/** Passes over the partition: a write racing the deletion (a request already past authentication) is caught by the next pass. */
const MAX_PASSES = 4;

type Key = { userId: string; sk: string };

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One BatchWriteItem of up to 25 deletes, re-sending what DynamoDB leaves unprocessed (throttling, a hot
 * partition) with full-jitter exponential backoff; still unprocessed after MAX_ATTEMPTS is a 503 — the
 * deletion is safe to repeat, so the client retries the whole request.
 */
async function deleteBatch({ client, tableName, sleep = defaultSleep }: DeletePartitionDeps, keys: Key[]): Promise<void> {
  let pending = keys.map((Key) => ({ DeleteRequest: { Key } }));
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > MAX_ATTEMPTS) throw new ServiceUnavailableError(5, "Your data is being deleted but the table is busy; try again in a moment.");
    if (attempt > 1) await sleep(Math.random() * Math.min(2_000, 25 * 2 ** attempt));
    const { UnprocessedItems } = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
    pending = (UnprocessedItems?.[tableName] ?? []).flatMap((request) => (request.DeleteRequest?.Key ? [{ DeleteRequest: { Key: request.DeleteRequest.Key as Key } }] : []));
  }
}

/** One pass: every page of keys but those kept, deleted 25 at a time. Returns how many items it deleted. */
async function deletePass(deps: DeletePartitionDeps, userId: string, keep: ReadonlySet<string>): Promise<number> {
  let deleted = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    // Deleting behind the cursor is safe: ExclusiveStartKey is a position in the key order, not an item.
    const page = await deps.client.send(
      new QueryCommand({
        TableName: deps.tableName,
        KeyConditionExpression: "userId = :pk",
        ExpressionAttributeValues: { ":pk": userId },
        ProjectionExpression: "userId, sk",
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
        ...(deps.pageLimit ? { Limit: deps.pageLimit } : {}),
      }),
    );
    const keys = (page.Items ?? []).map((item) => ({ userId, sk: String(item.sk) })).filter(({ sk }) => !keep.has(sk));
    const batches: Key[][] = [];
    for (let i = 0; i < keys.length; i += BATCH_SIZE) batches.push(keys.slice(i, i + BATCH_SIZE));
    for (let i = 0; i < batches.length; i += PARALLEL_BATCHES) {
      await Promise.all(batches.slice(i, i + PARALLEL_BATCHES).map((batch) => deleteBatch(deps, batch)));
    }
    deleted += keys.length;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return deleted;
}

/**
 * Deletes every item whose partition key is `userId`, except the sort keys in `keep`; returns how many. Passes
 * repeat until one finds nothing more to delete (bounded: a partition that keeps refilling is a 503).
 */
export async function deletePartition(deps: DeletePartitionDeps, userId: string, keep: ReadonlySet<string> = new Set()): Promise<number> {
  if (!userId) throw new Error("deletePartition needs a user id");
  let total = 0;
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    const deleted = await deletePass(deps, userId, keep);
    if (deleted === 0) return total;
    total += deleted;
  }
  throw new ServiceUnavailableError(5, "Your data kept changing while it was being deleted; try again in a moment.");
}
