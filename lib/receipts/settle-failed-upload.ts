/**
 * What happens to an upload the receipt function could not process even after Lambda's retries (its
 * on-failure destination, functions/receipt-failed.ts): the receipt, replacement or scan photo still awaiting
 * this object stops waiting and says so in a sentence the UI shows (status `rejected`, as for a refused file,
 * so the user is offered another upload), and the unchecked object goes. Conditional like every settle in
 * process-upload.ts: an upload that was settled, replaced or removed meanwhile keeps what it has, and only
 * a ready receipt's own files are left in place.
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { expenseKey, scanKey, type TableKey } from "../expenses/items";
import type { ReceiptFiles } from "./receipt-files";
import { parseReceiptKey, thumbnailKeyOf } from "./receipt-keys";

export const UNPROCESSED_UPLOAD_REASON = "We could not check this file just now. Please upload it again.";

export type SettleFailedUploadDeps = { client: DynamoDBDocumentClient; tableName: string; files: Pick<ReceiptFiles, "remove">; now?: () => Date };

export type FailedUploadOutcome =
  /** The awaited receipt (or replacement, or scan photo) is now `rejected` with the reason; its object is gone. */
  | { outcome: "failed" }
  /** The upload was settled after all (a late success): nothing changed. */
  | { outcome: "settled-already" }
  /** Nothing awaits this object any more (replaced, removed, expense deleted): the object is gone. */
  | { outcome: "superseded" }
  | { outcome: "ignored" };

const NamedSchema = z.object({
  receipt: z.object({ key: z.string(), status: z.string() }).optional().catch(undefined),
  replacement: z.object({ key: z.string(), status: z.string() }).optional().catch(undefined),
});

export async function settleFailedUpload(deps: SettleFailedUploadDeps, key: string): Promise<FailedUploadOutcome> {
  const parts = parseReceiptKey(key);
  if (!parts) return { outcome: "ignored" };
  const at = (deps.now ?? (() => new Date()))().toISOString();
  const settle = async (tableKey: TableKey, path: "receipt" | "replacement"): Promise<boolean> => {
    try {
      await deps.client.send(
        new UpdateCommand({
          TableName: deps.tableName,
          Key: tableKey,
          UpdateExpression: `SET ${path}.#status = :rejected, ${path}.reason = :reason${path === "receipt" ? ", receipt.updatedAt = :now" : ""}`,
          ConditionExpression: `${path}.#key = :key AND ${path}.#status = :pending`,
          ExpressionAttributeNames: { "#key": "key", "#status": "status" },
          ExpressionAttributeValues: { ":key": key, ":pending": "pending", ":rejected": "rejected", ":reason": UNPROCESSED_UPLOAD_REASON, ...(path === "receipt" ? { ":now": at } : {}) },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  };
  const expense = expenseKey(parts.userId, parts.expenseId);
  const scan = scanKey(parts.userId, parts.expenseId);
  const settled = (await settle(expense, "receipt")) || (await settle(expense, "replacement")) || (await settle(scan, "receipt"));
  if (!settled) {
    const isKept = (await Promise.all([expense, scan].map((k) => isReadyWith(deps, k, key)))).some(Boolean);
    if (isKept) return { outcome: "settled-already" };
  }
  await deps.files.remove([key, thumbnailKeyOf(key)]);
  return settled ? { outcome: "failed" } : { outcome: "superseded" };
}

/** Whether the item's receipt is this object, checked and ready: then its files are the receipt's. */
async function isReadyWith(deps: SettleFailedUploadDeps, tableKey: TableKey, key: string): Promise<boolean> {
  const { Item } = await deps.client.send(new GetCommand({ TableName: deps.tableName, Key: tableKey, ConsistentRead: true }));
  if (!Item) return false;
  const { receipt } = NamedSchema.parse(Item);
  return receipt?.key === key && receipt.status === "ready";
}
