import type { _Record as StreamRecord } from "@aws-sdk/client-dynamodb-streams";
import type { DynamoDBStreamEvent } from "aws-lambda";
import { afterEach, describe, expect, it } from "vitest";
import { StaleIteratorError, startDynamoDbStreamPoller, type DynamoDbStreamPoller, type ShardInfo, type StreamApi } from "./dynamodb-stream-poller";
import { ARN, EXPENSES_ONLY, record } from "./test-stream-records";

/** An in-memory stream behind the poller's port: shards of records, iterators as "<shard>@<index>". */
function fakeStream() {
  const shards = new Map<string, { info: ShardInfo; records: StreamRecord[] }>();
  const iteratorCalls: string[] = [];
  let expireNext = false;
  let failNext: Error | undefined;
  const api: StreamApi = {
    streamArnOf: async () => ARN,
    shards: async () => [...shards.values()].map((shard) => ({ ...shard.info })),
    async iterator(_arn, shardId, position) {
      const after = position.type === "AFTER_SEQUENCE_NUMBER" ? ` ${Number(position.sequenceNumber)}` : "";
      iteratorCalls.push(`${shardId} ${position.type}${after}`);
      const records = shards.get(shardId)?.records ?? [];
      const sequence = position.type === "AFTER_SEQUENCE_NUMBER" ? position.sequenceNumber : undefined;
      const index = position.type === "LATEST" ? records.length : position.type === "TRIM_HORIZON" ? 0 : records.findIndex((r) => r.dynamodb?.SequenceNumber === sequence) + 1;
      return `${shardId}@${index}`;
    },
    async records(iterator, limit) {
      if (failNext) {
        const error = failNext;
        failNext = undefined;
        throw error;
      }
      if (expireNext) {
        expireNext = false;
        throw new StaleIteratorError("expired");
      }
      const [shardId = "", at = "0"] = iterator.split("@");
      const shard = shards.get(shardId);
      if (!shard) throw new Error(`no shard ${shardId}`);
      const records = shard.records.slice(Number(at), Number(at) + limit);
      const next = Number(at) + records.length;
      const isDrained = shard.info.isClosed && next >= shard.records.length;
      return { records, ...(isDrained ? {} : { nextIterator: `${shardId}@${next}` }) };
    },
    close: () => undefined,
  };
  let sequence = 0;
  return {
    api,
    iteratorCalls,
    open(shardId: string, parentShardId?: string) {
      shards.set(shardId, { info: { shardId, ...(parentShardId ? { parentShardId } : {}), isClosed: false }, records: [] });
    },
    close(shardId: string) {
      const shard = shards.get(shardId);
      if (shard) shard.info.isClosed = true;
    },
    write(shardId: string, sk?: string) {
      shards.get(shardId)?.records.push(record(++sequence, sk));
    },
    expireNextRead: () => (expireNext = true),
    failNextRead: (error: Error) => (failNext = error),
  };
}

const pollers: DynamoDbStreamPoller[] = [];
afterEach(async () => {
  await Promise.all(pollers.splice(0).map((p) => p.stop()));
});

async function start(stream: ReturnType<typeof fakeStream>, options: { batchSize?: number; deliver?: (event: DynamoDBStreamEvent) => Promise<void> } = {}) {
  const batches: DynamoDBStreamEvent[] = [];
  const lines: string[] = [];
  const poller = await startDynamoDbStreamPoller({
    api: stream.api,
    tableName: "T",
    filters: EXPENSES_ONLY,
    batchSize: options.batchSize,
    intervalMs: 2,
    discoverEveryMs: 20,
    deliver: async (event) => {
      batches.push(event);
      await options.deliver?.(event);
    },
    log: (line) => lines.push(line),
  });
  pollers.push(poller);
  const delivered = () => batches.flatMap((b) => b.Records.map((r) => r.dynamodb?.Keys?.sk?.S));
  return { batches, lines, delivered, poller };
}

describe("DynamoDB stream poller", () => {
  it("starts at LATEST on the shards open at start: what was written before is not delivered", async () => {
    const stream = fakeStream();
    stream.open("s1");
    stream.write("s1", "EXP#before");
    const { delivered } = await start(stream);
    stream.write("s1", "EXP#after");
    await expect.poll(delivered).toEqual(["EXP#after"]);
    expect(stream.iteratorCalls).toEqual(["s1 LATEST"]);
  });

  it("delivers Lambda-shaped batches of at most batchSize, in order, filtered", async () => {
    const stream = fakeStream();
    stream.open("s1");
    const { batches, delivered } = await start(stream, { batchSize: 100 });
    for (let i = 0; i < 230; i++) stream.write("s1", i % 10 === 9 ? `AGG#${i}` : `EXP#${i}`);
    await expect.poll(() => delivered().length).toBe(207);
    expect(batches.map((b) => b.Records.length)).toEqual([100, 100, 7]);
    expect(delivered()).toEqual(Array.from({ length: 230 }, (_, i) => i).filter((i) => i % 10 !== 9).map((i) => `EXP#${i}`));
    expect(batches[0]?.Records[0]).toMatchObject({ eventSource: "aws:dynamodb", eventVersion: "1.1", eventName: "INSERT", eventSourceARN: ARN });
  });

  it("sends a shard's next batch only when the function is done with this one", async () => {
    const stream = fakeStream();
    stream.open("s1");
    let inFlight = 0;
    let maxInFlight = 0;
    const { delivered } = await start(stream, {
      batchSize: 1,
      deliver: async () => {
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
      },
    });
    for (let i = 0; i < 5; i++) stream.write("s1");
    await expect.poll(() => delivered().length).toBe(5);
    expect(maxInFlight).toBe(1);
  });

  it("follows a shard rollover: drains the parent, then reads the child from TRIM_HORIZON", async () => {
    const stream = fakeStream();
    stream.open("s1");
    const { delivered } = await start(stream);
    stream.write("s1", "EXP#1");
    await expect.poll(delivered).toEqual(["EXP#1"]);
    // The rollover: a child starts, the parent gets its last record and closes; the child has records before
    // the poller has even seen it.
    stream.open("s2", "s1");
    stream.write("s1", "EXP#2");
    stream.close("s1");
    stream.write("s2", "EXP#3");
    stream.write("s2", "EXP#4");
    await expect.poll(delivered).toEqual(["EXP#1", "EXP#2", "EXP#3", "EXP#4"]);
    expect(stream.iteratorCalls).toEqual(["s1 LATEST", "s2 TRIM_HORIZON"]);
    stream.write("s2", "EXP#5");
    await expect.poll(delivered).toContain("EXP#5");
  });

  it("reads a child only after its parent is drained, even when the parent takes several reads", async () => {
    const stream = fakeStream();
    stream.open("s1");
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { delivered } = await start(stream, { deliver: (event) => (event.Records[0]?.dynamodb?.Keys?.sk?.S === "EXP#p0" ? gate : Promise.resolve()) });
    stream.write("s1", "EXP#p0");
    await expect.poll(delivered).toEqual(["EXP#p0"]);
    // While the function holds the first batch: 1,500 more records on the parent (two GetRecords pages), the
    // rollover, and records on the child.
    for (let i = 1; i <= 1500; i++) stream.write("s1", `EXP#p${i}`);
    stream.open("s2", "s1");
    stream.close("s1");
    stream.write("s2", "EXP#c1");
    stream.write("s2", "EXP#c2");
    await new Promise((resolve) => setTimeout(resolve, 40));
    release();
    await expect.poll(() => delivered().length).toBe(1503);
    expect(delivered().slice(-3)).toEqual(["EXP#p1500", "EXP#c1", "EXP#c2"]);
  });

  it("ignores shards that were closed before it started (their records predate the subscription)", async () => {
    const stream = fakeStream();
    stream.open("old");
    stream.write("old", "EXP#old");
    stream.close("old");
    stream.open("s1", "old");
    const { delivered } = await start(stream);
    stream.write("s1", "EXP#new");
    await expect.poll(delivered).toEqual(["EXP#new"]);
    expect(stream.iteratorCalls).toEqual(["s1 LATEST"]);
  });

  it("after an expired iterator goes on from the last record it delivered", async () => {
    const stream = fakeStream();
    stream.open("s1");
    const { delivered } = await start(stream);
    stream.write("s1", "EXP#1");
    await expect.poll(delivered).toEqual(["EXP#1"]);
    stream.expireNextRead();
    stream.write("s1", "EXP#2");
    await expect.poll(delivered).toEqual(["EXP#1", "EXP#2"]);
    expect(stream.iteratorCalls).toEqual(["s1 LATEST", "s1 AFTER_SEQUENCE_NUMBER 1"]);
  });

  it("logs a failing call once and keeps polling", async () => {
    const stream = fakeStream();
    stream.open("s1");
    const { delivered, lines } = await start(stream);
    stream.failNextRead(new Error("connect ECONNREFUSED 127.0.0.1:8000"));
    stream.write("s1", "EXP#1");
    await expect.poll(delivered).toEqual(["EXP#1"]);
    expect(lines).toEqual(["λ stream poller: Error: connect ECONNREFUSED 127.0.0.1:8000 (will retry)"]);
  });

  it("delivers nothing once stopped", async () => {
    const stream = fakeStream();
    stream.open("s1");
    const { delivered, poller } = await start(stream);
    await poller.stop();
    stream.write("s1", "EXP#late");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(delivered()).toEqual([]);
  });
});
