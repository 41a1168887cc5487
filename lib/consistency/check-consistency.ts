/**
 * The consistency check (npm run check:consistency, the chaos benchmark): reads the whole table and every
 * object under receipts/, and reports what breaks the invariants the writes promise — aggregates equal to the
 * sum of their items, receipt objects owned by a live expense or scan and named by it, ready receipts' files
 * present — plus items that do not parse. A Scan is right here: an offline audit, never a request path.
 */
import type { S3Client } from "@aws-sdk/client-s3";
import { ScanCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { aggregateCells, ExpenseItemSchema, itemKindOf } from "../expenses/items";
import { ReceiptItemSchema, ReplacementItemSchema } from "../receipts/receipt-item";
import { createReceiptFiles } from "../receipts/receipt-files";
import { RECEIPTS_PREFIX, thumbnailKeyOf } from "../receipts/receipt-keys";
import { ScanItemSchema } from "../receipts/scan-item";
import type { ReceiptStatus } from "../schemas";
import { aggregateMismatches, type AggregateMismatch, type ExpenseCellEntry, type StoredAggregateCell } from "./aggregate-mismatches";
import { receiptObjectProblems, type MissingObject, type ReceiptOwner } from "./receipt-object-problems";

export type ConsistencyDeps = { client: DynamoDBDocumentClient; tableName: string; s3: S3Client; bucket: string };

export type ConsistencyReport = {
  isConsistent: boolean;
  checked: { items: number; expenses: number; aggregateCells: number; scans: number; receiptObjects: number };
  /** The expenses' receipts by state (a replacement in flight is not counted). */
  receiptsByStatus: Record<ReceiptStatus, number>;
  aggregateMismatches: AggregateMismatch[];
  /** Objects under receipts/ whose expense or scan does not exist. */
  orphanObjects: string[];
  /** Objects of a live expense or scan that its item does not name (left by a replaced or refused upload). */
  unreferencedObjects: string[];
  /** Files a ready receipt names that are not in the bucket. */
  missingObjects: MissingObject[];
  unreadableItems: { userId: string; sk: string; reason: string }[];
};

const KeySchema = z.object({ userId: z.string(), sk: z.string() });
const ReceiptAttributesSchema = z.object({ receipt: ReceiptItemSchema.optional(), replacement: ReplacementItemSchema.optional() });
type ReceiptAttributes = z.infer<typeof ReceiptAttributesSchema>;

function ownerOf(userId: string, id: string, { receipt, replacement }: ReceiptAttributes): ReceiptOwner {
  const referenced = [
    ...(receipt ? [receipt.key, thumbnailKeyOf(receipt.key), ...(receipt.thumbnailKey ? [receipt.thumbnailKey] : [])] : []),
    ...(replacement ? [replacement.key, thumbnailKeyOf(replacement.key)] : []),
  ];
  const required = receipt?.status === "ready" ? [receipt.key, ...(receipt.thumbnailKey ? [receipt.thumbnailKey] : [])] : [];
  return { userId, id, referenced, required };
}

async function* tableItems(deps: ConsistencyDeps): AsyncGenerator<Record<string, unknown>> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await deps.client.send(new ScanCommand({ TableName: deps.tableName, ConsistentRead: true, ExclusiveStartKey: start }));
    yield* page.Items ?? [];
    start = page.LastEvaluatedKey;
  } while (start);
}

export async function checkConsistency(deps: ConsistencyDeps): Promise<ConsistencyReport> {
  const expenses: ExpenseCellEntry[] = [];
  const cells: StoredAggregateCell[] = [];
  const owners: ReceiptOwner[] = [];
  const unreadableItems: ConsistencyReport["unreadableItems"] = [];
  const receiptsByStatus: Record<ReceiptStatus, number> = { pending: 0, ready: 0, rejected: 0 };
  let items = 0;
  let scans = 0;
  for await (const item of tableItems(deps)) {
    items++;
    const key = KeySchema.safeParse(item);
    if (!key.success) {
      unreadableItems.push({ userId: String(item.userId), sk: String(item.sk), reason: "no userId/sk strings" });
      continue;
    }
    const { userId, sk } = key.data;
    const unreadable = (reason: string) => unreadableItems.push({ userId, sk, reason });
    const kind = itemKindOf(sk);
    if (kind === "aggregate") {
      for (const cell of aggregateCells(item, { keepEmpty: true })) cells.push({ userId, ...cell });
    } else if (kind === "expense") {
      const expense = ExpenseItemSchema.safeParse(item);
      const receipt = ReceiptAttributesSchema.safeParse(item);
      if (!expense.success) unreadable(expense.error.message);
      else if (!receipt.success) unreadable(receipt.error.message);
      else {
        expenses.push({ userId, date: expense.data.date, currency: expense.data.currency, category: expense.data.category, amountMinor: expense.data.amountMinor });
        owners.push(ownerOf(userId, expense.data.id, receipt.data));
        if (receipt.data.receipt) receiptsByStatus[receipt.data.receipt.status]++;
      }
    } else if (kind === "scan") {
      scans++;
      const scan = ScanItemSchema.safeParse(item);
      if (!scan.success) unreadable(scan.error.message);
      else owners.push(ownerOf(userId, scan.data.id, { receipt: scan.data.receipt }));
    }
  }
  const objectKeys = await createReceiptFiles({ s3: deps.s3, bucket: deps.bucket }).keysUnder(RECEIPTS_PREFIX);
  const mismatches = aggregateMismatches(expenses, cells);
  const objects = receiptObjectProblems(objectKeys, owners);
  const isConsistent =
    mismatches.length === 0 &&
    objects.orphanObjects.length === 0 &&
    objects.unreferencedObjects.length === 0 &&
    objects.missingObjects.length === 0 &&
    unreadableItems.length === 0;
  return {
    isConsistent,
    checked: { items, expenses: expenses.length, aggregateCells: cells.length, scans, receiptObjects: objectKeys.length },
    receiptsByStatus,
    aggregateMismatches: mismatches,
    ...objects,
    unreadableItems,
  };
}
