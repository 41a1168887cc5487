/**
 * Lambda's event source mapping for a DynamoDB stream (what `table.subscribe` creates on AWS), locally: it reads
 * DynamoDB Local's stream through the DynamoDB Streams API and hands each batch to the functions runner as the
 * `DynamoDBStreamEvent` Lambda would send.
 *
 * As on AWS:
 * - The stream comes from DescribeTable's LatestStreamArn; its shards from DescribeStream, again every few
 *   seconds and whenever a shard ends. DynamoDB Local rolls shards over like DynamoDB does (every 4 hours, also
 *   right at start-up when a persisted database's open shard is older than that): the old shard gets an
 *   EndingSequenceNumber and a child shard starts.
 * - Starting position LATEST (SST's `table.subscribe` fixes it): the shards open at start are read from LATEST,
 *   so a dev restart does not replay the persisted 24 hours of records the previous session delivered already
 *   (what predates a subscription is the backfill's job). A shard born after the start is read from
 *   TRIM_HORIZON: it began at a rollover, and records written into it before the next DescribeStream found it
 *   would be lost from LATEST.
 * - A child shard is read only once its parent is drained (GetRecords without NextShardIterator), so the
 *   changes to one item arrive in order; shards are read one batch at a time, and the next batch waits until
 *   the function is done with this one (retries included).
 * - Records that match none of the subscription's filters (Lambda event filtering) are dropped, never
 *   delivered; the rest go out in batches of at most `batchSize`.
 * Not emulated: the batching window (infra waits up to 5 s to fill a batch; here each poll's records go out
 * at once, so local lag is lower than AWS's) and bisect-on-error.
 */
import { DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type _Record as StreamRecord,
} from "@aws-sdk/client-dynamodb-streams";
import type { DynamoDBStreamEvent } from "aws-lambda";
import { matchesStreamFilters, toLambdaRecord, type StreamFilterPattern } from "./dynamodb-stream-event";

export type ShardInfo = { shardId: string; parentShardId?: string; isClosed: boolean };
export type IteratorPosition = { type: "LATEST" | "TRIM_HORIZON" } | { type: "AFTER_SEQUENCE_NUMBER"; sequenceNumber: string };

/** An iterator that can no longer be read: unused for 15 minutes (a suspended laptop), or past the 24 h trim. */
export class StaleIteratorError extends Error {
  constructor(readonly reason: "expired" | "trimmed") {
    super(`shard iterator ${reason}`);
  }
}

/** The four Streams calls the poller makes (a port, so its shard logic is unit-tested without an emulator). */
export type StreamApi = {
  streamArnOf(tableName: string): Promise<string>;
  shards(streamArn: string): Promise<ShardInfo[]>;
  iterator(streamArn: string, shardId: string, position: IteratorPosition): Promise<string | undefined>;
  records(iterator: string, limit: number): Promise<{ records: StreamRecord[]; nextIterator?: string }>;
  close(): void;
};

export type StreamApiConfig = { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } };

export function createDynamoDbStreamApi(config: StreamApiConfig): StreamApi {
  const dynamodb = new DynamoDBClient(config);
  const streams = new DynamoDBStreamsClient(config);
  return {
    async streamArnOf(tableName) {
      const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
      if (!Table?.StreamSpecification?.StreamEnabled || !Table.LatestStreamArn) throw new Error(`table ${tableName} has no stream`);
      return Table.LatestStreamArn;
    },
    async shards(streamArn) {
      const shards: ShardInfo[] = [];
      let after: string | undefined;
      do {
        const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: after }));
        for (const shard of StreamDescription?.Shards ?? []) {
          if (!shard.ShardId) continue;
          shards.push({
            shardId: shard.ShardId,
            ...(shard.ParentShardId ? { parentShardId: shard.ParentShardId } : {}),
            isClosed: shard.SequenceNumberRange?.EndingSequenceNumber !== undefined,
          });
        }
        after = StreamDescription?.LastEvaluatedShardId;
      } while (after);
      return shards;
    },
    async iterator(streamArn, shardId, position) {
      const { ShardIterator } = await streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shardId,
          ShardIteratorType: position.type,
          ...(position.type === "AFTER_SEQUENCE_NUMBER" ? { SequenceNumber: position.sequenceNumber } : {}),
        }),
      );
      return ShardIterator;
    },
    async records(iterator, limit) {
      try {
        const { Records, NextShardIterator } = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: limit }));
        return { records: Records ?? [], ...(NextShardIterator ? { nextIterator: NextShardIterator } : {}) };
      } catch (error) {
        if (error instanceof ExpiredIteratorException) throw new StaleIteratorError("expired");
        if (error instanceof TrimmedDataAccessException) throw new StaleIteratorError("trimmed");
        throw error;
      }
    },
    close() {
      dynamodb.destroy();
      streams.destroy();
    },
  };
}

export type DynamoDbStreamPollerOptions = {
  api: StreamApi;
  tableName: string;
  /** Lambda filter patterns, ORed (none: every record). */
  filters?: readonly StreamFilterPattern[];
  /** Records per invocation at most (Lambda's BatchSize; 100 is its default for DynamoDB). */
  batchSize?: number;
  /** Pause between polls of an idle stream (Lambda polls a shard about 4 times a second). */
  intervalMs?: number;
  /** How often DescribeStream looks for new shards besides right after a shard ends. */
  discoverEveryMs?: number;
  /** One batch; resolves when the function is done with it, retries included. */
  deliver: (event: DynamoDBStreamEvent) => Promise<void>;
  log?: (line: string) => void;
};

export type DynamoDbStreamPoller = { streamArn: string; stop(): Promise<void> };

/** GetRecords' maximum: a full page means more is waiting, so the next poll comes at once. */
const GET_RECORDS_LIMIT = 1000;

type ShardCursor = { shardId: string; parentShardId?: string; startAt: "LATEST" | "TRIM_HORIZON"; iterator?: string; lastSequenceNumber?: string };

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message.split("\n")[0] ?? ""}` : String(error));

/**
 * Resolves once the iterators of the shards open now are taken: every write after that is delivered. Poll
 * errors (the emulator restarting, say) are logged once each and retried on the next poll.
 */
export async function startDynamoDbStreamPoller(options: DynamoDbStreamPollerOptions): Promise<DynamoDbStreamPoller> {
  const { api, filters = [], batchSize = 100, intervalMs = 250, discoverEveryMs = 5_000 } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  let streamArn: string;
  try {
    streamArn = await api.streamArnOf(options.tableName);
  } catch (error) {
    api.close();
    throw error;
  }
  const known = new Set<string>();
  const active = new Map<string, ShardCursor>();
  let isStopped = false;
  let wake: (() => void) | undefined;

  const positionOf = (cursor: ShardCursor): IteratorPosition =>
    cursor.lastSequenceNumber !== undefined ? { type: "AFTER_SEQUENCE_NUMBER", sequenceNumber: cursor.lastSequenceNumber } : { type: cursor.startAt };

  const discover = async (isInitial: boolean) => {
    for (const shard of await api.shards(streamArn)) {
      if (known.has(shard.shardId)) continue;
      known.add(shard.shardId);
      // Closed before the subscription started: history, as for LATEST.
      if (isInitial && shard.isClosed) continue;
      const cursor: ShardCursor = { shardId: shard.shardId, parentShardId: shard.parentShardId, startAt: isInitial ? "LATEST" : "TRIM_HORIZON" };
      if (isInitial) cursor.iterator = await api.iterator(streamArn, shard.shardId, positionOf(cursor));
      active.set(shard.shardId, cursor);
    }
  };

  const deliverAll = async (records: StreamRecord[]) => {
    const matching = records.map((record) => toLambdaRecord(record, streamArn)).filter((record) => matchesStreamFilters(record, filters));
    for (let i = 0; i < matching.length; i += batchSize) {
      try {
        await options.deliver({ Records: matching.slice(i, i + batchSize) });
      } catch (error) {
        // The runner logs and gives up after its retries; whatever escapes it is dropped too, as Lambda does.
        log(`λ stream poller: delivery failed: ${describe(error)}`);
      }
    }
  };

  /** One GetRecords on a shard: "more" if records may be waiting, "ended" once a closed shard is drained. */
  const poll = async (cursor: ShardCursor): Promise<"more" | "idle" | "ended"> => {
    cursor.iterator ??= await api.iterator(streamArn, cursor.shardId, positionOf(cursor));
    if (cursor.iterator === undefined) return "ended";
    let page;
    try {
      page = await api.records(cursor.iterator, GET_RECORDS_LIMIT);
    } catch (error) {
      if (!(error instanceof StaleIteratorError)) throw error;
      // Expired: go on after the last record delivered. Trimmed: that record is gone; start at the oldest one kept.
      cursor.iterator = undefined;
      if (error.reason === "trimmed") {
        cursor.lastSequenceNumber = undefined;
        cursor.startAt = "TRIM_HORIZON";
      }
      return "more";
    }
    await deliverAll(page.records);
    const last = page.records.at(-1)?.dynamodb?.SequenceNumber;
    if (last !== undefined) cursor.lastSequenceNumber = last;
    cursor.iterator = page.nextIterator;
    if (page.nextIterator === undefined) return "ended";
    return page.records.length >= GET_RECORDS_LIMIT ? "more" : "idle";
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        wake = undefined;
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      };
    });

  const loop = async () => {
    let nextDiscoveryAt = Date.now() + discoverEveryMs;
    let needsDiscovery = false;
    let lastError: string | undefined;
    while (!isStopped) {
      let hasMore = false;
      try {
        if (needsDiscovery || Date.now() >= nextDiscoveryAt) {
          await discover(false);
          needsDiscovery = false;
          nextDiscoveryAt = Date.now() + discoverEveryMs;
        }
        for (const cursor of [...active.values()]) {
          if (isStopped) break;
          // A child waits for its parent, so one item's changes stay in order across a rollover.
          if (cursor.parentShardId !== undefined && active.has(cursor.parentShardId)) continue;
          const state = await poll(cursor);
          if (state === "ended") {
            active.delete(cursor.shardId);
            needsDiscovery = true;
          }
          if (state !== "idle") hasMore = true;
        }
        lastError = undefined;
      } catch (error) {
        const message = describe(error);
        if (message !== lastError) log(`λ stream poller: ${message} (will retry)`);
        lastError = message;
      }
      if (!hasMore && !isStopped) await sleep(intervalMs);
    }
  };

  try {
    await discover(true);
  } catch (error) {
    api.close();
    throw error;
  }
  const running = loop();
  return {
    streamArn,
    async stop() {
      isStopped = true;
      wake?.();
      await running;
      api.close();
    },
  };
}
