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
import { ReceiptItemSchema, ReplacementItemSchema, type ReceiptItem } from "./receipt-item";
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

const StoredReceiptSchema = z.object({
  receipt: ReceiptItemSchema.optional().catch(undefined),
  replacement: ReplacementItemSchema.optional().catch(undefined),
});

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
  const { receipt, replacement } = Item ? parseStored(StoredReceiptSchema, Item, "expense") : {};
  // Either the expense's first receipt (pending in `receipt`) or a replacement of its ready receipt.
  const isReplacement = replacement?.key === key;
  if (!isReplacement && receipt?.key !== key) return superseded();
  const state = isReplacement ? replacement?.status : receipt?.status;
  if (state !== "pending") return { outcome: "duplicate" };

  const bytes = await deps.files.read(key);
  if (!bytes) return { outcome: "superseded" };
  const tableKey = expenseKey(parts.userId, parts.expenseId);

  /** Conditional on this upload still being the one awaited; false when it was replaced or removed meanwhile. */
  const update = async (input: { UpdateExpression: string; ConditionExpression: string; names: Record<string, string>; values: Record<string, unknown> }) => {
    try {
      await deps.client.send(
        new UpdateCommand({
          TableName: deps.tableName,
          Key: tableKey,
          UpdateExpression: input.UpdateExpression,
          ConditionExpression: input.ConditionExpression,
          ExpressionAttributeNames: { "#key": "key", "#status": "status", ...input.names },
          ExpressionAttributeValues: { ":key": key, ":pending": "pending", ...input.values },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  };
  const at = now().toISOString();
  const awaited = isReplacement ? "replacement.#key = :key AND replacement.#status = :pending" : "receipt.#key = :key AND receipt.#status = :pending";

  const reject = async (reason: string): Promise<ProcessOutcome> => {
    await deps.files.remove([key, thumbnailKey]);
    if (!isReplacement) await removeOlderUploads(deps.files, parts);
    // A refused replacement leaves the ready receipt as it is and says why the new file was not taken.
    const settled = isReplacement
      ? await update({ UpdateExpression: "SET replacement.#status = :rejected, replacement.reason = :reason", ConditionExpression: awaited, names: {}, values: { ":rejected": "rejected", ":reason": reason } })
      : await update({
          UpdateExpression: "SET receipt.#status = :rejected, receipt.reason = :reason, receipt.updatedAt = :now",
          ConditionExpression: awaited,
          names: {},
          values: { ":rejected": "rejected", ":reason": reason, ":now": at },
        });
    return settled ? { outcome: "rejected", reason } : { outcome: "superseded" };
  };

  const inspection = await inspectFile(bytes);
  if (!inspection.isAccepted) return reject(inspection.reason);
  const { file } = inspection;

  let ready: ReceiptItem;
  if (file.kind === "pdf") {
    // Written back unchanged, without the unprocessed tag.
    await deps.files.write(key, bytes, file.contentType);
    ready = { status: "ready", key, contentType: file.contentType, size: bytes.length, updatedAt: at };
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
    ready = { status: "ready", key, contentType: image.contentType, size: image.body.length, thumbnailKey, updatedAt: at };
  }
  if (isReplacement) {
    // The new file becomes the receipt in one write; only then may the old one's files go.
    if (!(await update({ UpdateExpression: "SET receipt = :ready REMOVE replacement", ConditionExpression: awaited, names: {}, values: { ":ready": ready } }))) {
      return superseded();
    }
    await removeOlderUploads(deps.files, parts);
  } else {
    await removeOlderUploads(deps.files, parts);
    const { status: _status, key: _key, ...rest } = ready;
    const sets = Object.keys(rest).map((name) => `receipt.#${name} = :${name}`);
    const settled = await update({
      UpdateExpression: `SET receipt.#status = :ready, ${sets.join(", ")}`,
      ConditionExpression: awaited,
      names: Object.fromEntries(Object.keys(rest).map((name) => [`#${name}`, name])),
      values: { ":ready": "ready", ...Object.fromEntries(Object.entries(rest).map(([name, value]) => [`:${name}`, value])) },
    });
    if (!settled) return superseded();
  }
  return { outcome: "ready", contentType: ready.contentType, hasThumbnail: ready.thumbnailKey !== undefined };
}

/**
 * Files of older uploads of this expense (a replaced receipt, abandoned uploads) go once this one settles.
 * Only uploads with an older id (ULIDs sort by time) are deleted: a newer grant may have been issued a moment
 * ago and its upload must survive. For a first receipt this runs before the settle (whoever sees `ready`
 * sees the old files gone); for a replacement after it, since until then the old receipt is still shown.
 */
async function removeOlderUploads(files: ReceiptFiles, parts: ReceiptKeyParts): Promise<void> {
  const prefix = receiptPrefix(parts.userId, parts.expenseId);
  const keys = await files.keysUnder(prefix);
  await files.remove(keys.filter((key) => key.slice(prefix.length, prefix.length + 26) < parts.uploadId));
}
