/**
 * An upload whose processing failed for good (the receipt function's retries spent): the awaited receipt stops
 * being `pending`, says why, and its object goes; what was settled or replaced meanwhile is left alone. Objects
 * are put directly (no POST, so no event reaches the stack's own receipt function).
 */
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { beforeAll, describe, expect, it } from "vitest";
import { handler as receiptFailedHandler } from "../../functions/receipt-failed";
import { asyncFailureRecord } from "../../local/functions-runner";
import { objectCreatedEvent } from "../../local/s3-event";
import { expenseWithReceiptItem, localBucket, localRepository } from "../../local/test-stack";
import { expenseKey, scanKey } from "../expenses/items";
import { newUserId } from "../expenses/test-support";
import { createReceiptFiles, type ReceiptFiles } from "./receipt-files";
import { receiptKey, thumbnailKeyOf } from "./receipt-keys";
import { settleFailedUpload, UNPROCESSED_UPLOAD_REASON } from "./settle-failed-upload";

let ctx: ReturnType<typeof localRepository>;
let files: ReceiptFiles;
let put: (key: string) => Promise<unknown>;

beforeAll(() => {
  ctx = localRepository();
  const { s3, bucket } = localBucket();
  files = createReceiptFiles({ s3, bucket });
  put = (key) => s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: "bytes" }));
});

const deps = () => ({ client: ctx.client, tableName: ctx.tableName, files });
const at = "2025-03-14T10:00:00.000Z";

/** An expense whose receipt is `receipt`, with its upload object (and a thumbnail) in the bucket. */
async function expenseWithUpload(status: "pending" | "ready") {
  const { userId, expense, key } = await expenseWithReceiptItem(ctx, (key) => ({
    status,
    key,
    contentType: "image/jpeg",
    size: 5,
    updatedAt: at,
    ...(status === "ready" ? { thumbnailKey: thumbnailKeyOf(key) } : {}),
  }));
  await Promise.all([put(key), put(thumbnailKeyOf(key))]);
  return { userId, id: expense.id, key };
}

async function stored(userId: string, sk: { sk: string }) {
  return (await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: { ...sk, userId }, ConsistentRead: true }))).Item;
}

describe("settleFailedUpload", () => {
  it("turns the pending receipt into a refused one with a sentence for the user, and removes its object", async () => {
    const { userId, id, key } = await expenseWithUpload("pending");
    expect(await settleFailedUpload(deps(), key)).toEqual({ outcome: "failed" });
    const expense = await ctx.expensesOf(userId).get(id);
    expect(expense.receipt).toMatchObject({ status: "rejected", reason: UNPROCESSED_UPLOAD_REASON });
    expect(await files.keysUnder(key)).toEqual([]);
  });

  it("leaves a receipt that became ready meanwhile, files included", async () => {
    const { userId, id, key } = await expenseWithUpload("ready");
    expect(await settleFailedUpload(deps(), key)).toEqual({ outcome: "settled-already" });
    expect((await ctx.expensesOf(userId).get(id)).receipt?.status).toBe("ready");
    expect((await files.keysUnder(key)).sort()).toEqual([key, thumbnailKeyOf(key)]);
  });

  it("removes the object of an expense deleted meanwhile", async () => {
    const { userId, id, key } = await expenseWithUpload("pending");
    await ctx.expensesOf(userId).remove(id);
    await Promise.all([put(key), put(thumbnailKeyOf(key))]);
    expect(await settleFailedUpload(deps(), key)).toEqual({ outcome: "superseded" });
    expect(await files.keysUnder(key)).toEqual([]);
  });

  it("refuses a pending replacement and keeps the ready receipt it would have replaced", async () => {
    const { userId, id, key } = await expenseWithUpload("ready");
    const next = receiptKey({ userId, expenseId: id, uploadId: ulid() });
    await ctx.client.send(
      new UpdateCommand({
        TableName: ctx.tableName,
        Key: expenseKey(userId, id),
        UpdateExpression: "SET replacement = :r",
        ExpressionAttributeValues: { ":r": { status: "pending", key: next, contentType: "image/png", size: 5, expiresAt: at } },
      }),
    );
    await put(next);
    expect(await settleFailedUpload(deps(), next)).toEqual({ outcome: "failed" });
    expect((await ctx.expensesOf(userId).get(id)).receipt).toMatchObject({ status: "ready", replacement: { status: "rejected", reason: UNPROCESSED_UPLOAD_REASON } });
    expect(await files.keysUnder(next)).toEqual([]);
    expect((await files.keysUnder(key)).sort()).toEqual([key, thumbnailKeyOf(key)]);
  });

  it("refuses a scan's pending photo", async () => {
    const userId = newUserId();
    const id = ulid();
    const key = receiptKey({ userId, expenseId: id, uploadId: ulid() });
    await ctx.client.send(
      new PutCommand({
        TableName: ctx.tableName,
        Item: { ...scanKey(userId, id), id, receipt: { status: "pending", key, contentType: "image/jpeg", size: 5, updatedAt: at }, today: "2025-03-14", currency: "EUR", createdAt: at, ttl: 4_000_000_000 },
      }),
    );
    await put(key);
    expect(await settleFailedUpload(deps(), key)).toEqual({ outcome: "failed" });
    expect(await stored(userId, scanKey(userId, id))).toMatchObject({ receipt: { status: "rejected", reason: UNPROCESSED_UPLOAD_REASON } });
  });
});

describe("functions/receipt-failed (the receipt function's on-failure destination)", () => {
  it("settles the upload named in Lambda's failure record", async () => {
    const { userId, id, key } = await expenseWithUpload("pending");
    const s3Event = objectCreatedEvent({ eventName: "ObjectCreated:Post", bucket: "b", key, size: 5, eTag: "e", region: "us-east-1", sourceIp: "127.0.0.1", requestId: "R", sequence: 0, now: new Date() });
    const outcomes = await receiptFailedHandler(asyncFailureRecord("receipt", s3Event, 3, "DynamoDB is down", new Date()));
    expect(outcomes).toEqual([{ outcome: "failed" }]);
    expect((await ctx.expensesOf(userId).get(id)).receipt?.status).toBe("rejected");
  });
});
