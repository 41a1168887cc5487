/**
 * One user's receipt scans, for the API: start one (a SCAN#<id> item awaiting its photo, and the photo's
 * upload grant), read its state and result, discard it. Saving the expense with `scanId`
 * (lib/expenses/write-expenses.ts) adopts the photo; the receipt function reads it (process-upload.ts).
 */
import { DeleteCommand, GetCommand } from "@aws-sdk/lib-dynamodb";
import { monotonicFactory } from "ulid";
import { NotFoundError } from "../errors";
import { epochSeconds } from "../idempotency";
import { parseStored, scanKey } from "../expenses/items";
import { transactWrite } from "../expenses/transact";
import { ExpenseIdSchema, type Scan, type ScanRequest, type ScanStart } from "../schemas";
import type { ReceiptItem } from "./receipt-item";
import { receiptKey } from "./receipt-keys";
import type { ReceiptsDeps } from "./receipts";
import { isExpired, SCAN_LIFETIME_SECONDS, ScanItemSchema, toScan } from "./scan-item";

/** What scans are made with: the same as the receipts of expenses. */
export type ScansDeps = ReceiptsDeps;

export type UserScans = {
  start(request: ScanRequest): Promise<ScanStart>;
  get(id: string): Promise<Scan>;
  discard(id: string): Promise<void>;
};

const noScan = () => new NotFoundError("No scan with this id; it may have been saved or have expired.");

/** The latest calendar day anywhere on Earth now (UTC+14): a device's "today" is never later than that. */
export function latestToday(now: Date): string {
  return new Date(now.getTime() + 14 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

export function createScans(deps: ScansDeps): (userId: string) => UserScans {
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? monotonicFactory();
  return (userId) => {
    const key = (id: string) => {
      if (!ExpenseIdSchema.safeParse(id).success) throw noScan();
      return scanKey(userId, id);
    };

    return {
      async start(request) {
        await deps.rateLimiter?.consume(userId);
        const at = now();
        const id = newId();
        const objectKey = receiptKey({ userId, expenseId: id, uploadId: newId() });
        const receipt: ReceiptItem = { status: "pending", key: objectKey, contentType: request.contentType, size: request.size, updatedAt: at.toISOString() };
        // A clock set ahead cannot make a later date "not in the future".
        const today = request.today < latestToday(at) ? request.today : latestToday(at);
        await transactWrite(deps.client, [
          {
            Put: {
              TableName: deps.tableName,
              Item: { ...scanKey(userId, id), id, receipt, today, currency: request.currency, createdAt: at.toISOString(), ttl: epochSeconds(at) + SCAN_LIFETIME_SECONDS },
              ConditionExpression: "attribute_not_exists(sk)",
            },
          },
        ]);
        return { id, upload: await deps.files.grantUpload(objectKey, request.contentType) };
      },

      async get(id) {
        const { Item } = await deps.client.send(new GetCommand({ TableName: deps.tableName, Key: key(id), ConsistentRead: true }));
        if (!Item) throw noScan();
        const item = parseStored(ScanItemSchema, Item, "scan");
        // DynamoDB deletes expired items within days, not at once.
        if (isExpired(item, now())) throw noScan();
        return toScan(item);
      },

      async discard(id) {
        const { Attributes } = await deps.client.send(new DeleteCommand({ TableName: deps.tableName, Key: key(id), ReturnValues: "ALL_OLD" }));
        if (!Attributes) throw noScan();
        // A photo still being checked finds no scan and deletes its own file (process-upload.ts).
        await deps.files.removeAllOf(userId, id);
      },
    };
  };
}
