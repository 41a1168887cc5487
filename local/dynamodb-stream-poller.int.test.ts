import { randomUUID } from "node:crypto";
import { DeleteTableCommand, DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import type { DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { touchedUserMonths } from "@/lib/analytics/touched-user-months";
import { newExpenseInput, newUserId } from "@/lib/expenses/test-support";
import { localRepository, localStackEnv } from "@/local/test-stack";
import { createDynamoDbStreamApi, startDynamoDbStreamPoller, type DynamoDbStreamPoller } from "./dynamodb-stream-poller";
import { DYNAMODB_STREAM_SUBSCRIPTIONS } from "./functions";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "./stack";
import { ensureExpensesTable } from "./table";

// A table of its own (same definition as the Expenses table, stream included) on the shared DynamoDB Local, so
// that only this test's writes reach this poller.
const tableName = `poller-${randomUUID()}`;
let endpoint: string;
let admin: DynamoDBClient;
let poller: DynamoDbStreamPoller;
const batches: DynamoDBStreamEvent[] = [];
const userId = newUserId();

beforeAll(async () => {
  endpoint = localStackEnv().AWS_ENDPOINT_URL_DYNAMODB ?? "";
  admin = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  await ensureExpensesTable(admin, tableName);
  const { client } = localRepository({ tableName });
  // Written before the poller starts: LATEST means it is never delivered.
  await client.send(new PutCommand({ TableName: tableName, Item: { userId, sk: "EXP#BEFORE", date: "2025-01-01", dateKey: "2025-01-01#BEFORE" } }));
  poller = await startDynamoDbStreamPoller({
    api: createDynamoDbStreamApi({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }),
    tableName,
    filters: DYNAMODB_STREAM_SUBSCRIPTIONS[0]?.filters,
    deliver: async (event) => {
      batches.push(structuredClone(event));
    },
  });
});

afterAll(async () => {
  await poller?.stop();
  await admin?.send(new DeleteTableCommand({ TableName: tableName }));
  admin?.destroy();
});

const delivered = (): DynamoDBRecord[] => batches.flatMap((batch) => batch.Records);

describe("DynamoDB Local's stream through the poller", () => {
  it("delivers the repository's create, edit and delete as Lambda would: expense records only, full shape", async () => {
    const { expensesOf } = localRepository({ tableName });
    const expenses = expensesOf(userId);
    const { expense } = await expenses.create(newExpenseInput({ date: "2025-03-14", amount: "12.50", merchant: "Café" }));
    await expenses.update(expense.id, { date: "2025-04-02", amount: "13.00" }, expense.version);
    await expenses.remove(expense.id);

    // Each write was a transaction with the month's aggregate item; the filter drops those records.
    await expect.poll(() => delivered().map((r) => r.eventName), { timeout: 10_000 }).toEqual(["INSERT", "MODIFY", "REMOVE"]);
    const streamArn = (await admin.send(new DescribeTableCommand({ TableName: tableName }))).Table?.LatestStreamArn;
    const [insert, modify, remove] = delivered();
    const keys = { userId: { S: userId }, sk: { S: `EXP#${expense.id}` } };
    for (const record of [insert, modify, remove]) {
      expect(record).toMatchObject({ eventVersion: "1.1", eventSource: "aws:dynamodb", awsRegion: "ddblocal", eventSourceARN: streamArn });
      expect(record?.eventID).toEqual(expect.any(String));
      expect(record?.dynamodb).toMatchObject({ Keys: keys, StreamViewType: "NEW_AND_OLD_IMAGES", SequenceNumber: expect.stringMatching(/^\d+$/) });
      expect(record?.dynamodb?.SizeBytes).toBeGreaterThan(0);
      // Epoch seconds as in Lambda's event (DynamoDB Local rounds it down to the minute).
      expect(Math.abs((record?.dynamodb?.ApproximateCreationDateTime ?? 0) - Date.now() / 1000)).toBeLessThan(120);
    }
    expect(insert?.dynamodb?.OldImage).toBeUndefined();
    expect(insert?.dynamodb?.NewImage).toMatchObject({ date: { S: "2025-03-14" }, amountMinor: { N: "1250" }, merchant: { S: "Café" } });
    expect(modify?.dynamodb?.OldImage?.date).toEqual({ S: "2025-03-14" });
    expect(modify?.dynamodb?.NewImage?.date).toEqual({ S: "2025-04-02" });
    expect(remove?.dynamodb?.NewImage).toBeUndefined();
    expect(remove?.dynamodb?.OldImage?.date).toEqual({ S: "2025-04-02" });
    expect(Number(modify?.dynamodb?.SequenceNumber)).toBeGreaterThan(Number(insert?.dynamodb?.SequenceNumber));

    // The analytics function's adapter reads what the poller built: both months of the move.
    expect(touchedUserMonths({ Records: delivered() }).map(({ month, changes }) => [month, [...changes.values()].map((row) => row?.amount ?? null)])).toEqual([
      ["2025-03", [null]],
      ["2025-04", [null]],
    ]);
  });

  it("writes nothing for a write that changes nothing (DynamoDB's rule, kept by DynamoDB Local)", async () => {
    const { client } = localRepository({ tableName });
    const item = { userId, sk: "EXP#SAME", date: "2025-05-01", dateKey: "2025-05-01#SAME" };
    await client.send(new PutCommand({ TableName: tableName, Item: item }));
    await client.send(new PutCommand({ TableName: tableName, Item: item }));
    await client.send(new PutCommand({ TableName: tableName, Item: { ...item, sk: "EXP#MARK", dateKey: "2025-05-01#MARK" } }));
    await expect.poll(() => delivered().some((r) => r.dynamodb?.Keys?.sk?.S === "EXP#MARK"), { timeout: 10_000 }).toBe(true);
    expect(delivered().filter((r) => r.dynamodb?.Keys?.sk?.S === "EXP#SAME").map((r) => r.eventName)).toEqual(["INSERT"]);
    expect(delivered().some((r) => r.dynamodb?.Keys?.sk?.S === "EXP#BEFORE")).toBe(false);
  });
});
