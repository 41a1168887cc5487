/**
 * One user's receipts, for the API: grant an upload (the receipt becomes `pending`), view it, remove it.
 * Checking the file is the receipt function's job (process-upload.ts); nothing here waits for it.
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { monotonicFactory } from "ulid";
import { z } from "zod";
import { ConflictError, NotFoundError } from "../errors";
import { expenseKey, parseStored } from "../expenses/items";
import type { RateLimiter } from "../rate-limit";
import { ExpenseIdSchema, type ReceiptUpload, type ReceiptUploadRequest, type ReceiptView } from "../schemas";
import type { ReceiptFiles } from "./receipt-files";
import { ReceiptItemSchema, ReplacementItemSchema, type ReceiptItem, type ReplacementItem } from "./receipt-item";
import { UPLOAD_GRANT_SECONDS } from "./receipt-files";
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
  /** Forgets a replacement (cancelled, or rejected and dismissed); the ready receipt stays. */
  dismissReplacement(expenseId: string): Promise<void>;
};

const EXTENSIONS: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "image/heic": "heic",
  "image/heif": "heif",
  "application/pdf": "pdf",
};

const StoredExpenseSchema = z.object({
  date: z.string(),
  receipt: ReceiptItemSchema.optional().catch(undefined),
  replacement: ReplacementItemSchema.optional().catch(undefined),
});

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
      /**
       * A first upload (or one after a rejected/pending one) becomes the receipt, `pending`. An upload replacing
       * a ready receipt is a `replacement`: the ready receipt stays viewable until the new file is checked, so
       * a cancelled or refused replacement loses nothing. Conditional on what was read; a race reads again.
       */
      async grantUpload(expenseId, request) {
        const tableKey = key(expenseId);
        await deps.rateLimiter?.consume(userId);
        const objectKey = receiptKey({ userId, expenseId, uploadId: newId() });
        for (let attempt = 0; attempt < 3; attempt++) {
          const { receipt: current } = await stored(expenseId);
          const at = now();
          const isReplacing = current?.status === "ready";
          const update = isReplacing
            ? {
                UpdateExpression: "SET replacement = :upload",
                ConditionExpression: "receipt.#status = :ready",
                ExpressionAttributeValues: {
                  ":upload": {
                    status: "pending",
                    key: objectKey,
                    contentType: request.contentType,
                    size: request.size,
                    expiresAt: new Date(at.getTime() + UPLOAD_GRANT_SECONDS * 1000).toISOString(),
                  } satisfies ReplacementItem,
                  ":ready": "ready",
                },
              }
            : {
                // The expense's version is not bumped: the receipt is its own resource, and an open edit form stays valid.
                UpdateExpression: "SET receipt = :receipt REMOVE replacement",
                ConditionExpression: "attribute_exists(sk) AND (attribute_not_exists(receipt) OR receipt.#status <> :ready)",
                ExpressionAttributeValues: {
                  ":receipt": { status: "pending", key: objectKey, contentType: request.contentType, size: request.size, updatedAt: at.toISOString() } satisfies ReceiptItem,
                  ":ready": "ready",
                },
              };
          try {
            await deps.client.send(new UpdateCommand({ TableName: deps.tableName, Key: tableKey, ExpressionAttributeNames: { "#status": "status" }, ...update }));
            return deps.files.grantUpload(objectKey, request.contentType);
          } catch (error) {
            if (!(error instanceof ConditionalCheckFailedException)) throw error;
          }
        }
        throw new ConflictError("The receipt is being changed elsewhere; try again.");
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
              UpdateExpression: "REMOVE receipt, replacement",
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

      async dismissReplacement(expenseId) {
        const tableKey = key(expenseId);
        let replaced: ReplacementItem | undefined;
        try {
          const { Attributes } = await deps.client.send(
            new UpdateCommand({
              TableName: deps.tableName,
              Key: tableKey,
              UpdateExpression: "REMOVE replacement",
              ConditionExpression: "attribute_exists(replacement)",
              ReturnValues: "ALL_OLD",
            }),
          );
          replaced = parseStored(StoredExpenseSchema, Attributes ?? {}, "expense").replacement;
        } catch (error) {
          if (error instanceof ConditionalCheckFailedException) throw new NotFoundError("This receipt has no replacement in progress.");
          throw error;
        }
        // A cancelled upload may still land: the function then finds no match and deletes it.
        if (replaced) await deps.files.remove([replaced.key]);
      },
    };
  };
}
