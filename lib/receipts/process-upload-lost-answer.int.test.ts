/**
 * A settle whose answer is lost: DynamoDB applies the write, the answer never arrives (a timeout, a reset
 * connection), and the SDK's retry of the same conditional write fails its condition. Found by the chaos
 * benchmark right after DynamoDB Local restarted: the function took the failed condition for "superseded" and
 * deleted the files of the receipt it had just made ready.
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it, vi } from "vitest";
import { expenseWithReceiptItem, localBucket, localRepository } from "../../local/test-stack";
import { processUploadedReceipt } from "./process-upload";
import { createReceiptFiles } from "./receipt-files";
import { thumbnailKeyOf } from "./receipt-keys";
import { png } from "./test-files";

describe("processUploadedReceipt when the answer to its settle is lost", () => {
  it("keeps the receipt ready and its files, instead of deleting them as superseded", async () => {
    const ctx = localRepository();
    const { s3, bucket } = localBucket();
    const files = createReceiptFiles({ s3, bucket });
    const { userId, expense, key } = await expenseWithReceiptItem(ctx, (key) => ({ status: "pending", key, contentType: "image/png", size: 1, updatedAt: "2025-03-14T10:00:00.000Z" }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: await png(), ContentType: "image/png" }));

    const send = ctx.client.send.bind(ctx.client);
    let isLost = false;
    vi.spyOn(ctx.client, "send").mockImplementation(async (command: Parameters<typeof send>[0]) => {
      const result = await send(command);
      if (!isLost && command instanceof UpdateCommand && String(command.input.UpdateExpression).includes("receipt.#status = :ready")) {
        isLost = true;
        // The write above landed; what the caller sees is the SDK's retry failing its condition.
        throw new ConditionalCheckFailedException({ message: "The conditional request failed", $metadata: {} });
      }
      return result;
    });

    const outcome = await processUploadedReceipt({ client: ctx.client, tableName: ctx.tableName, files }, key);
    expect(isLost).toBe(true);
    expect(outcome).toMatchObject({ outcome: "ready" });
    vi.restoreAllMocks();
    expect((await ctx.expensesOf(userId).get(expense.id)).receipt?.status).toBe("ready");
    expect((await files.keysUnder(key)).sort()).toEqual([key, thumbnailKeyOf(key)]);
  });
});
