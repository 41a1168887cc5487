import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
} from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDynamoDb } from "./dynamodb";
import { freePort } from "./free-port";
import { ensureExpensesTable } from "./table";
import type { RunningService } from "./types";

const TABLE = "test-Expenses";

const clientFor = (endpoint: string) =>
  new DynamoDBClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } });

describe("DynamoDB Local in memory", () => {
  let dynamodb: RunningService;
  let client: DynamoDBClient;

  beforeAll(async () => {
    dynamodb = await startDynamoDb({});
    client = clientFor(dynamodb.endpoint);
    await ensureExpensesTable(client, TABLE);
  });

  afterAll(async () => {
    client?.destroy();
    await dynamodb?.stop();
  });

  it("creates the table with the keys, indexes, stream and TTL of the data model", async () => {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: TABLE }));
    expect(Table?.TableStatus).toBe("ACTIVE");
    expect(Table?.KeySchema).toEqual([
      { AttributeName: "userId", KeyType: "HASH" },
      { AttributeName: "sk", KeyType: "RANGE" },
    ]);
    expect(Table?.LocalSecondaryIndexes?.map((i) => [i.IndexName, i.KeySchema, i.Projection?.ProjectionType])).toEqual([
      [
        "byDate",
        [
          { AttributeName: "userId", KeyType: "HASH" },
          { AttributeName: "dateKey", KeyType: "RANGE" },
        ],
        "ALL",
      ],
    ]);
    expect(Table?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.KeySchema, i.Projection?.ProjectionType])).toEqual([
      [
        "byCategory",
        [
          { AttributeName: "catKey", KeyType: "HASH" },
          { AttributeName: "dateKey", KeyType: "RANGE" },
        ],
        "ALL",
      ],
    ]);
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" });
    expect(Table?.LatestStreamArn).toMatch(/^arn:aws:dynamodb:/);
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: TABLE }));
    expect(ttl.TimeToLiveDescription).toMatchObject({ TimeToLiveStatus: "ENABLED", AttributeName: "ttl" });
  });

  it("ensureExpensesTable is idempotent and keeps existing items", async () => {
    await client.send(new PutItemCommand({ TableName: TABLE, Item: { userId: { S: "u0" }, sk: { S: "SET" } } }));
    await ensureExpensesTable(client, TABLE);
    const { Item } = await client.send(new GetItemCommand({ TableName: TABLE, Key: { userId: { S: "u0" }, sk: { S: "SET" } } }));
    expect(Item?.sk?.S).toBe("SET");
  });

  it("cancels a whole TransactWriteItems when one condition fails", async () => {
    const expense = { userId: { S: "u1" }, sk: { S: "EXP#01" }, dateKey: { S: "2025-03-01#01" } };
    const aggregate = { userId: { S: "u1" }, sk: { S: "AGG#2025-03" } };
    const write = client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: TABLE, Item: expense } },
          {
            Put: {
              TableName: TABLE,
              Item: aggregate,
              ConditionExpression: "#v = :expected",
              ExpressionAttributeNames: { "#v": "version" },
              ExpressionAttributeValues: { ":expected": { N: "7" } },
            },
          },
        ],
      }),
    );
    await expect(write).rejects.toMatchObject({
      name: "TransactionCanceledException",
      CancellationReasons: [{ Code: "None" }, { Code: "ConditionalCheckFailed" }],
    });
    const { Item } = await client.send(new GetItemCommand({ TableName: TABLE, Key: { userId: expense.userId, sk: expense.sk } }));
    expect(Item).toBeUndefined();
  });

  it("refuses to start on a busy port with a clear message", async () => {
    const port = await freePort();
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(port, "0.0.0.0", resolve));
    try {
      await expect(startDynamoDb({ port })).rejects.toThrow(`port ${port} is busy`);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it("says Java is required when there is no java on PATH", async () => {
    const path = process.env.PATH;
    const empty = await mkdtemp(join(tmpdir(), "no-java-"));
    process.env.PATH = empty;
    try {
      await expect(startDynamoDb({})).rejects.toThrow(/Java 17\+ is required for DynamoDB Local/);
    } finally {
      process.env.PATH = path;
      await rm(empty, { recursive: true, force: true });
    }
  });
});

describe("DynamoDB Local on disk", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "ledgerline-dynamodb-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("keeps data across a restart on the same directory and port", async () => {
    const key = { userId: { S: "u1" }, sk: { S: "SET" } };
    const first = await startDynamoDb({ dbPath: join(dir, "db") });
    const port = Number(new URL(first.endpoint).port);
    const before = clientFor(first.endpoint);
    try {
      await ensureExpensesTable(before, TABLE);
      await before.send(new PutItemCommand({ TableName: TABLE, Item: { ...key, locale: { S: "de-DE" } } }));
    } finally {
      before.destroy();
      await first.stop();
    }

    // Same port: stop() must have waited for the JVM to release it.
    const second = await startDynamoDb({ dbPath: join(dir, "db"), port });
    const after = clientFor(second.endpoint);
    try {
      await ensureExpensesTable(after, TABLE);
      const { Item } = await after.send(new GetItemCommand({ TableName: TABLE, Key: key }));
      expect(Item?.locale?.S).toBe("de-DE");
    } finally {
      after.destroy();
      await second.stop();
    }
  });
});
