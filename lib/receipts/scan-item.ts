/**
 * The SCAN#<id> item: a receipt photo uploaded from the add form before its expense exists. The receipt
 * function checks the photo as for any expense, then stores what the reader found in `scan`. Saving the
 * expense with this `scanId` moves `receipt` onto EXP#<id> and deletes this item in one transaction.
 */
import { z } from "zod";
import { CalendarDateSchema, CurrencySchema, ScanResultSchema, type Scan } from "../schemas";
import { ReceiptItemSchema, toReceipt } from "./receipt-item";

/** An unsaved scan is kept this long (the item by DynamoDB's TTL, its photo by the bucket's lifecycle rule). */
export const SCAN_LIFETIME_SECONDS = 2 * 24 * 60 * 60;

export const StoredScanSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("done"), result: ScanResultSchema, readAt: z.string() }),
  z.object({ status: z.literal("failed"), reason: z.string(), readAt: z.string() }),
]);
export type StoredScan = z.infer<typeof StoredScanSchema>;

export const ScanItemSchema = z.object({
  id: z.string(),
  receipt: ReceiptItemSchema,
  today: CalendarDateSchema,
  currency: CurrencySchema,
  scan: StoredScanSchema.optional().catch(undefined),
  createdAt: z.string(),
  ttl: z.number().int(),
});
export type ScanItem = z.infer<typeof ScanItemSchema>;

export const isExpired = (item: Pick<ScanItem, "ttl">, now: Date): boolean => item.ttl * 1000 <= now.getTime();

/** What the API shows: the receipt's state and the reader's result, never keys. */
export function toScan(item: ScanItem): Scan {
  const scan: Scan["scan"] =
    item.scan === undefined
      ? item.receipt.status === "rejected"
        ? { status: "failed", reason: item.receipt.reason ?? "This file could not be used as a receipt." }
        : { status: "pending" }
      : item.scan.status === "done"
        ? { status: "done", result: item.scan.result }
        : { status: "failed", reason: item.scan.reason };
  return { id: item.id, receipt: toReceipt(item.receipt), scan, expiresAt: new Date(item.ttl * 1000).toISOString() };
}
