/**
 * The receipt function's work for one uploaded object: check what the bytes really are, make images safe
 * (no metadata, capped size, thumbnail), write the result back, and settle the expense's receipt as `ready`
 * or `rejected`. Every settle is conditional on the receipt still naming this object and still being pending,
 * so a late or repeated event for a replaced or removed receipt changes nothing but deleting its own file.
 * An upload for a scan (SCAN#<id>, no expense yet) is checked the same way and then read by the receipt
 * reader; its result is stored on the scan for the add form to fill in.
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { expenseKey, parseStored, scanKey, type TableKey } from "../expenses/items";
import type { ReceiptReader } from "./scan/receipt-reader";
import { ScanItemSchema, type ScanItem, type StoredScan } from "./scan-item";
import { inspectFile } from "./inspect-file";
import { processImage, UnreadableImageError } from "./process-image";
import type { ReceiptFiles } from "./receipt-files";
import { ReceiptItemSchema, ReplacementItemSchema, type ReceiptItem } from "./receipt-item";
import { parseReceiptKey, receiptPrefix, thumbnailKeyOf, type ReceiptKeyParts } from "./receipt-keys";

export type ProcessUploadDeps = {
  client: DynamoDBDocumentClient;
  tableName: string;
  files: ReceiptFiles;
  /** Reads scans' photos; absent = scans are never read (their result says so). */
  reader?: ReceiptReader;
  /** The bucket holding `files`, for a reader that reads the object where it is (Textract). */
  bucket?: string;
  now?: () => Date;
};

export type ProcessOutcome =
  | { outcome: "ready"; contentType: string; hasThumbnail: boolean; scan?: StoredScan["status"] }
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

type Target = { kind: "expense" | "scan"; key: TableKey; item: Record<string, unknown> | undefined };

/** The expense the upload belongs to or, when there is none (yet), the scan it was made for. */
async function targetOf(deps: ProcessUploadDeps, parts: ReceiptKeyParts): Promise<Target> {
  const get = async (key: TableKey) => (await deps.client.send(new GetCommand({ TableName: deps.tableName, Key: key, ConsistentRead: true }))).Item;
  const expense = expenseKey(parts.userId, parts.expenseId);
  const item = await get(expense);
  if (item) return { kind: "expense", key: expense, item };
  const scan = scanKey(parts.userId, parts.expenseId);
  return { kind: "scan", key: scan, item: await get(scan) };
}

export async function processUploadedReceipt(deps: ProcessUploadDeps, key: string, isRetry = false): Promise<ProcessOutcome> {
  const now = deps.now ?? (() => new Date());
  const parts = parseReceiptKey(key);
  if (!parts) return { outcome: "ignored" };
  const thumbnailKey = thumbnailKeyOf(key);
  const target = await targetOf(deps, parts);
  const isScan = target.kind === "scan";
  const superseded = async (): Promise<ProcessOutcome> => {
    // A scan saved as its expense while this ran: its receipt now waits on the expense, so settle it there.
    if (isScan && !isRetry) return processUploadedReceipt(deps, key, true);
    await deps.files.remove([key, thumbnailKey]);
    return { outcome: "superseded" };
  };

  const Item = target.item;
  const { receipt, replacement } = Item ? parseStored(StoredReceiptSchema, Item, target.kind) : {};
  const scanItem = isScan && Item ? parseStored(ScanItemSchema, Item, "scan") : undefined;
  // Either the expense's first receipt (pending in `receipt`) or a replacement of its ready receipt.
  const isReplacement = replacement?.key === key;
  if (!isReplacement && receipt?.key !== key) return superseded();
  const state = isReplacement ? replacement?.status : receipt?.status;
  const bytes = state === "pending" || (isScan && state === "ready") ? await deps.files.read(key) : undefined;
  if (state === "pending" && !bytes) return { outcome: "superseded" };
  const tableKey = target.key;

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
  /** A scan's photo is read once it is ready; conditional on the scan still waiting for this photo. */
  const storeScan = async (item: ScanItem, photo: { bytes: Buffer; contentType: string }): Promise<StoredScan> => {
    const scan = await readScan(deps, item, { ...photo, key }, at);
    await update({
      UpdateExpression: "SET #scan = :scan",
      ConditionExpression: "receipt.#key = :key AND receipt.#status <> :pending AND attribute_not_exists(#scan)",
      names: { "#scan": "scan" },
      values: { ":scan": scan },
    });
    return scan;
  };
  if (state !== "pending" || !bytes) {
    // A retry after the photo was settled but before its scan was stored reads it now.
    if (scanItem && bytes && scanItem.receipt.status === "ready" && scanItem.scan === undefined) {
      await storeScan(scanItem, { bytes, contentType: scanItem.receipt.contentType });
    }
    return { outcome: "duplicate" };
  }
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
  let written = bytes;
  if (file.kind === "pdf") {
    // Written back unchanged, without the unprocessed tag.
    await deps.files.write(key, bytes, file.contentType, { isUnsavedScan: isScan });
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
    await deps.files.write(thumbnailKey, image.thumbnail, "image/webp", { isUnsavedScan: isScan });
    await deps.files.write(key, image.body, image.contentType, { isUnsavedScan: isScan });
    written = image.body;
    ready = { status: "ready", key, contentType: image.contentType, size: image.body.length, thumbnailKey, updatedAt: at };
  }
  /**
   * Whether a settle whose condition failed had in fact landed: the SDK retries a write whose answer was lost
   * (a timeout, a reset connection), and the retry of an applied write fails its own condition. Then the
   * receipt is ready with this very file, whose objects must stay.
   */
  const hasLanded = async () => {
    const { Item: now } = await deps.client.send(new GetCommand({ TableName: deps.tableName, Key: tableKey, ConsistentRead: true }));
    const stored = now ? parseStored(StoredReceiptSchema, now, target.kind).receipt : undefined;
    return stored?.key === key && stored.status === "ready";
  };
  if (isReplacement) {
    // The new file becomes the receipt in one write; only then may the old one's files go.
    const settled = await update({ UpdateExpression: "SET receipt = :ready REMOVE replacement", ConditionExpression: awaited, names: {}, values: { ":ready": ready } });
    if (!settled && !(await hasLanded())) return superseded();
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
    if (!settled && !(await hasLanded())) return superseded();
  }
  const outcome = { outcome: "ready", contentType: ready.contentType, hasThumbnail: ready.thumbnailKey !== undefined } as const;
  if (!scanItem) return outcome;
  // A scan saved or discarded meanwhile keeps nothing of this.
  const scan = await storeScan(scanItem, { bytes: written, contentType: ready.contentType });
  return { ...outcome, scan: scan.status };
}

/** What the reader finds on a scan's checked photo; a reader's failure is the scan's result, not the event's. */
async function readScan(
  deps: ProcessUploadDeps,
  item: { today: string; currency: string },
  photo: { bytes: Buffer; contentType: string; key: string },
  readAt: string,
): Promise<StoredScan> {
  if (!deps.reader) return { status: "failed", reason: "Receipts cannot be read here; type the details.", readAt };
  try {
    const result = await deps.reader.read({
      bytes: photo.bytes,
      contentType: photo.contentType,
      ...(deps.bucket ? { object: { bucket: deps.bucket, key: photo.key } } : {}),
      today: item.today,
      defaultCurrency: item.currency,
    });
    return { status: "done", result, readAt };
  } catch (error) {
    console.error("receipt scan failed", error);
    return { status: "failed", reason: "The receipt could not be read just now; type the details.", readAt };
  }
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
