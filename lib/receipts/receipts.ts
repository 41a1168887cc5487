/**
 * One user's receipts, for the API: grant an upload (the receipt becomes `pending`), view it, remove it.
 * Checking the file is the receipt function's job (process-upload.ts); nothing here waits for it.
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { monotonicFactory } from "ulid";
import { z } from "zod";
import { NotFoundError } from "../errors";
import { expenseKey, parseStored } from "../expenses/items";
import type { RateLimiter } from "../rate-limit";
import { ExpenseIdSchema, type ReceiptUpload, type ReceiptUploadRequest, type ReceiptView } from "../schemas";
import type { ReceiptFiles } from "./receipt-files";
import { ReceiptItemSchema, type ReceiptItem } from "./receipt-item";
import { receiptKey } from "./receipt-keys";

export type ReceiptsDeps = {
  client: DynamoDBDocumentClient;
  tableName: string;
  files: ReceiptFiles;
  rateLimiter?: RateLimiter;
  now?: () => Date;
  newId?: () => string;
};

export type UserReceipts = {
  grantUpload(expenseId: string, request: ReceiptUploadRequest): Promise<ReceiptUpload>;
  view(expenseId: string): Promise<ReceiptView>;
  remove(expenseId: string): Promise<void>;
};

const EXTENSIONS: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "image/heic": "heic",
  "image/heif": "heif",
  "application/pdf": "pdf",
};

const StoredExpenseSchema = z.object({ date: z.string(), receipt: ReceiptItemSchema.optional().catch(undefined) });

const noExpense = () => new NotFoundError("No expense with this id.");

/** A name for saving the file: the expense's date, never anything the user typed. */
export function receiptFileName(date: string, contentType: string): string {
  return `receipt-${date}.${EXTENSIONS[contentType] ?? "bin"}`;
}

export function createReceipts(deps: ReceiptsDeps): (userId: string) => UserReceipts {
  const now = deps.now ?? (() => new Date());
  // Monotonic: upload ids order the uploads of one expense even within a millisecond (process-upload.ts relies on it).
  const newId = deps.newId ?? monotonicFactory();
  return (userId) => {
    const key = (expenseId: string) => {
      // A malformed id is a 404 like another user's: no hint of what exists.
      if (!ExpenseIdSchema.safeParse(expenseId).success) throw noExpense();
      return expenseKey(userId, expenseId);
    };

    async function stored(expenseId: string) {
      const { Item } = await deps.client.send(new GetCommand({ TableName: deps.tableName, Key: key(expenseId), ConsistentRead: true }));
      if (!Item) throw noExpense();
      return parseStored(StoredExpenseSchema, Item, "expense");
    }

    return {
      async grantUpload(expenseId, request) {
        const tableKey = key(expenseId);
        await deps.rateLimiter?.consume(userId);
        const objectKey = receiptKey({ userId, expenseId, uploadId: newId() });
        const receipt: ReceiptItem = { status: "pending", key: objectKey, contentType: request.contentType, size: request.size, updatedAt: now().toISOString() };
        try {
          // The expense's version is not bumped: the receipt is its own resource, and an open edit form stays valid.
          await deps.client.send(
            new UpdateCommand({
              TableName: deps.tableName,
              Key: tableKey,
              UpdateExpression: "SET receipt = :receipt",
              ConditionExpression: "attribute_exists(sk)",
              ExpressionAttributeValues: { ":receipt": receipt },
            }),
          );
        } catch (error) {
          if (error instanceof ConditionalCheckFailedException) throw noExpense();
          throw error;
        }
        return deps.files.grantUpload(objectKey, request.contentType);
      },

      async view(expenseId) {
        const { date, receipt } = await stored(expenseId);
        if (!receipt) throw new NotFoundError("This expense has no receipt.");
        const fileName = receiptFileName(date, receipt.contentType);
        const view: ReceiptView = {
          status: receipt.status,
          contentType: receipt.contentType,
          fileName,
          ...(receipt.reason !== undefined ? { reason: receipt.reason } : {}),
        };
        if (receipt.status !== "ready") return view;
        const [original, thumbnail] = await Promise.all([
          deps.files.linkTo(receipt.key, receipt.contentType, fileName),
          receipt.thumbnailKey ? deps.files.linkTo(receipt.thumbnailKey, "image/webp", fileName.replace(/\.\w+$/, "-thumbnail.webp")) : undefined,
        ]);
        return { ...view, original, ...(thumbnail ? { thumbnail } : {}) };
      },

      async remove(expenseId) {
        const tableKey = key(expenseId);
        await deps.rateLimiter?.consume(userId);
        try {
          await deps.client.send(
            new UpdateCommand({
              TableName: deps.tableName,
              Key: tableKey,
              UpdateExpression: "REMOVE receipt",
              ConditionExpression: "attribute_exists(sk) AND attribute_exists(receipt)",
            }),
          );
        } catch (error) {
          if (error instanceof ConditionalCheckFailedException) throw new NotFoundError("This expense has no receipt.");
          throw error;
        }
        // An upload still in flight finds no receipt to settle and deletes its own file (process-upload.ts).
        await deps.files.removeAllOf(userId, expenseId);
      },
    };
  };
}
