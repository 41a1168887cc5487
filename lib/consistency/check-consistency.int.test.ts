/**
 * The checker against real DynamoDB Local and S3 data, each case on a table and bucket of its own (the shared
 * ones hold other tests' data): consistent data written through the repository passes; data broken on purpose
 * (an aggregate changed, an expense deleted without its aggregate, an orphan, a missing file) is reported.
 */
import { randomUUID } from "node:crypto";
import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { describe, expect, it } from "vitest";
import { createDocumentClient } from "../dynamo-client";
import { aggregateKey, expenseKey } from "../expenses/items";
import { createExpenseRepository } from "../expenses/repository";
import { newExpenseInput, newUserId } from "../expenses/test-support";
import { receiptKey, thumbnailKeyOf } from "../receipts/receipt-keys";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../../local/stack";
import { ensureExpensesTable } from "../../local/table";
import { localBucket, localStackEnv } from "../../local/test-stack";
import { checkConsistency } from "./check-consistency";

async function freshStore() {
  const env = localStackEnv();
  const endpoint = env.AWS_ENDPOINT_URL_DYNAMODB;
  const tableName = `consistency-${randomUUID()}`;
  const raw = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  await ensureExpensesTable(raw, tableName);
  raw.destroy();
  const client = createDocumentClient({ endpoint });
  const { s3 } = localBucket();
  const bucket = `consistency-${randomUUID()}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const deps = { client, tableName, s3, bucket };
  const expensesOf = createExpenseRepository({ client, tableName, cursorSecret: randomUUID() });
  const put = (key: string) => s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: "x" }));
  return { deps, client, tableName, expensesOf, put };
}

describe("checkConsistency", () => {
  it("passes data written through the repository: creates, edits across months and currencies, deletes", async () => {
    const { deps, expensesOf } = await freshStore();
    const alice = expensesOf(newUserId());
    const a = await alice.create(newExpenseInput({ amount: "12.50" }));
    const b = await alice.create(newExpenseInput({ amount: "1000", currency: "JPY", date: "2025-04-02" }));
    await alice.create(newExpenseInput({ amount: "0.001", currency: "KWD", category: "Travel" }));
    await alice.update(a.expense.id, { date: "2025-05-01", category: "Rent" }, a.expense.version);
    await alice.remove(b.expense.id);
    await expensesOf(newUserId()).create(newExpenseInput());
    const report = await checkConsistency(deps);
    expect(report).toMatchObject({ isConsistent: true, aggregateMismatches: [], orphanObjects: [], missingObjects: [], unreadableItems: [] });
    expect(report.checked.expenses).toBe(3);
  });

  it("reports an aggregate changed behind the expenses' back, with both sums exact", async () => {
    const { deps, client, tableName, expensesOf } = await freshStore();
    const userId = newUserId();
    await expensesOf(userId).create(newExpenseInput({ amount: "9999999999.99" }));
    await expensesOf(userId).create(newExpenseInput({ amount: "0.01" }));
    await client.send(
      new UpdateCommand({ TableName: tableName, Key: aggregateKey(userId, "2025-03", "Food"), UpdateExpression: "ADD #t :one", ExpressionAttributeNames: { "#t": "t#EUR" }, ExpressionAttributeValues: { ":one": 1 } }),
    );
    const report = await checkConsistency(deps);
    expect(report.isConsistent).toBe(false);
    expect(report.aggregateMismatches).toEqual([
      { userId, month: "2025-03", category: "Food", currency: "EUR", stored: { totalMinor: "1000000000001", count: 2 }, fromItems: { totalMinor: "1000000000000", count: 2 } },
    ]);
  });

  it("reports a half-written delete: the expense gone, its aggregate still counting it", async () => {
    const { deps, client, tableName, expensesOf } = await freshStore();
    const userId = newUserId();
    const { expense } = await expensesOf(userId).create(newExpenseInput({ amount: "3.00" }));
    await client.send(new DeleteCommand({ TableName: tableName, Key: expenseKey(userId, expense.id) }));
    const report = await checkConsistency(deps);
    expect(report.aggregateMismatches).toEqual([
      { userId, month: "2025-03", category: "Food", currency: "EUR", stored: { totalMinor: "300", count: 1 }, fromItems: { totalMinor: "0", count: 0 } },
    ]);
  });

  it("reports objects of a deleted expense, strays of a live one, and a ready receipt's missing thumbnail", async () => {
    const { deps, client, tableName, expensesOf, put } = await freshStore();
    const userId = newUserId();
    const { expense } = await expensesOf(userId).create(newExpenseInput());
    const current = receiptKey({ userId, expenseId: expense.id, uploadId: ulid() });
    const stray = receiptKey({ userId, expenseId: expense.id, uploadId: ulid() });
    const orphan = receiptKey({ userId, expenseId: ulid(), uploadId: ulid() });
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: expenseKey(userId, expense.id),
        UpdateExpression: "SET receipt = :r",
        ExpressionAttributeValues: { ":r": { status: "ready", key: current, contentType: "image/jpeg", size: 1, thumbnailKey: thumbnailKeyOf(current), updatedAt: expense.updatedAt } },
      }),
    );
    await Promise.all([put(current), put(stray), put(orphan), put(thumbnailKeyOf(orphan))]);
    const report = await checkConsistency(deps);
    expect(report).toMatchObject({
      isConsistent: false,
      aggregateMismatches: [],
      orphanObjects: [orphan, thumbnailKeyOf(orphan)].sort(),
      unreferencedObjects: [stray],
      missingObjects: [{ userId, id: expense.id, key: thumbnailKeyOf(current) }],
      receiptsByStatus: { pending: 0, ready: 1, rejected: 0 },
    });
  });
});
