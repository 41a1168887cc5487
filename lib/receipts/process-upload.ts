/**
 * The receipt function's work for one uploaded object: check what the bytes really are, make images safe
 * (no metadata, capped size, thumbnail), write the result back, and settle the expense's receipt as `ready`
 * or `rejected`. Every settle is conditional on the receipt still naming this object and still being pending,
 * so a late or repeated event for a replaced or removed receipt changes nothing but deleting its own file.
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { expenseKey, parseStored } from "../expenses/items";
import { inspectFile } from "./inspect-file";
import { processImage, UnreadableImageError } from "./process-image";
import type { ReceiptFiles } from "./receipt-files";
import { ReceiptItemSchema } from "./receipt-item";
import { parseReceiptKey, receiptPrefix, thumbnailKeyOf, type ReceiptKeyParts } from "./receipt-keys";

export type ProcessUploadDeps = { client: DynamoDBDocumentClient; tableName: string; files: ReceiptFiles; now?: () => Date };

export type ProcessOutcome =
  | { outcome: "ready"; contentType: string; hasThumbnail: boolean }
  | { outcome: "rejected"; reason: string }
  /** Not a receipt upload key (a thumbnail, a stray object): left alone. */
  | { outcome: "ignored" }
  /** The receipt was replaced or removed, or the expense deleted: this upload's objects are deleted. */
  | { outcome: "superseded" }
  /** This upload was settled already (a repeated event). */
  | { outcome: "duplicate" };

const StoredReceiptSchema = z.object({ receipt: ReceiptItemSchema.optional().catch(undefined) });

type Settlement =
  | { status: "ready"; contentType: string; size: number; thumbnailKey?: string }
  | { status: "rejected"; reason: string };

export async function processUploadedReceipt(deps: ProcessUploadDeps, key: string): Promise<ProcessOutcome> {
  const now = deps.now ?? (() => new Date());
  const parts = parseReceiptKey(key);
  if (!parts) return { outcome: "ignored" };
  const thumbnailKey = thumbnailKeyOf(key);
  const superseded = async (): Promise<ProcessOutcome> => {
    await deps.files.remove([key, thumbnailKey]);
    return { outcome: "superseded" };
  };

  const { Item } = await deps.client.send(
    new GetCommand({ TableName: deps.tableName, Key: expenseKey(parts.userId, parts.expenseId), ConsistentRead: true }),
  );
  const receipt = Item ? parseStored(StoredReceiptSchema, Item, "expense").receipt : undefined;
  if (!receipt || receipt.key !== key) return superseded();
  if (receipt.status !== "pending") return { outcome: "duplicate" };

  const bytes = await deps.files.read(key);
  if (!bytes) return { outcome: "superseded" };

  const settle = async (settlement: Settlement): Promise<boolean> => {
    const values: Record<string, unknown> = { ":key": key, ":pending": "pending", ":status": settlement.status, ":now": now().toISOString() };
    const sets = ["receipt.#status = :status", "receipt.updatedAt = :now"];
    if (settlement.status === "ready") {
      sets.push("receipt.contentType = :contentType", "receipt.#size = :size");
      values[":contentType"] = settlement.contentType;
      values[":size"] = settlement.size;
      if (settlement.thumbnailKey) {
        sets.push("receipt.thumbnailKey = :thumbnailKey");
        values[":thumbnailKey"] = settlement.thumbnailKey;
      }
    } else {
      sets.push("receipt.reason = :reason");
      values[":reason"] = settlement.reason;
    }
    try {
      await deps.client.send(
        new UpdateCommand({
          TableName: deps.tableName,
          Key: expenseKey(parts.userId, parts.expenseId),
          UpdateExpression: `SET ${sets.join(", ")}`,
          ConditionExpression: "receipt.#key = :key AND receipt.#status = :pending",
          ExpressionAttributeNames: { "#key": "key", "#status": "status", ...(settlement.status === "ready" ? { "#size": "size" } : {}) },
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  };

  const reject = async (reason: string): Promise<ProcessOutcome> => {
    await deps.files.remove([key, thumbnailKey]);
    await removeOlderUploads(deps.files, parts);
    if (!(await settle({ status: "rejected", reason }))) return { outcome: "superseded" };
    return { outcome: "rejected", reason };
  };

  const inspection = await inspectFile(bytes);
  if (!inspection.isAccepted) return reject(inspection.reason);
  const { file } = inspection;

  let settlement: Settlement;
  if (file.kind === "pdf") {
    // Written back unchanged, without the unprocessed tag.
    await deps.files.write(key, bytes, file.contentType);
    settlement = { status: "ready", contentType: file.contentType, size: bytes.length };
  } else {
    let image;
    try {
      image = await processImage(bytes, file);
    } catch (error) {
      if (error instanceof UnreadableImageError) return reject(error.reason);
      throw error;
    }
    // The thumbnail first: once the original is rewritten, a retry must still find everything it needs.
    await deps.files.write(thumbnailKey, image.thumbnail, "image/webp");
    await deps.files.write(key, image.body, image.contentType);
    settlement = { status: "ready", contentType: image.contentType, size: image.body.length, thumbnailKey };
  }
  await removeOlderUploads(deps.files, parts);
  if (!(await settle(settlement))) return superseded();
  return { outcome: "ready", contentType: settlement.contentType, hasThumbnail: settlement.thumbnailKey !== undefined };
}

/**
 * A receipt that replaced another leaves the old file behind until now. Only uploads with an older id (ULIDs
 * sort by time) are deleted: a newer grant may have been issued a moment ago and its upload must survive.
 * An older upload can never become current again (every grant takes a new, later id), so this runs before
 * the settle: whoever sees `ready` sees the old files gone.
 */
async function removeOlderUploads(files: ReceiptFiles, parts: ReceiptKeyParts): Promise<void> {
  const prefix = receiptPrefix(parts.userId, parts.expenseId);
  const keys = await files.keysUnder(prefix);
  await files.remove(keys.filter((key) => key.slice(prefix.length, prefix.length + 26) < parts.uploadId));
}
