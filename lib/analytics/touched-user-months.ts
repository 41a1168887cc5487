/**
 * The user-months a DynamoDB stream batch touches: from the OldImage and the NewImage of every record, because an
 * edit that moves an expense to another month changes both months (and a delete has only an OldImage). With each,
 * what the batch says its expenses now look like there: their analytics row, or null for one that left the month.
 * Only the parts read here are parsed; the images are unmarshalled with @aws-sdk/util-dynamodb.
 */
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { z } from "zod";
import { ExpenseItemSchema } from "../expenses/items";
import { userHashOf, type UserMonth } from "./analytics-keys";
import { RowSourceItemSchema, toAnalyticsRow, type AnalyticsRow } from "./analytics-row";

/**
 * An attribute value as Lambda's JSON event carries it (binary as base64 text), parsed into the SDK's shape
 * (binary as bytes), which is what unmarshall takes.
 */
const AttributeValueSchema: z.ZodType<AttributeValue> = z.lazy(() =>
  z.union([
    z.object({ S: z.string() }),
    z.object({ N: z.string() }),
    z.object({ B: z.string().transform((base64) => new Uint8Array(Buffer.from(base64, "base64"))) }),
    z.object({ SS: z.array(z.string()) }),
    z.object({ NS: z.array(z.string()) }),
    z.object({ BS: z.array(z.string().transform((base64) => new Uint8Array(Buffer.from(base64, "base64")))) }),
    z.object({ M: z.record(z.string(), AttributeValueSchema) }),
    z.object({ L: z.array(AttributeValueSchema) }),
    z.object({ NULL: z.boolean() }),
    z.object({ BOOL: z.boolean() }),
  ]),
);
const ImageSchema = z.record(z.string(), AttributeValueSchema);

/** What Lambda sends for a DynamoDB stream: only the fields read below. */
export const StreamBatchSchema = z.object({
  Records: z.array(
    z.object({
      eventID: z.string().optional(),
      eventName: z.enum(["INSERT", "MODIFY", "REMOVE"]).optional(),
      dynamodb: z
        .object({
          Keys: ImageSchema.optional(),
          OldImage: ImageSchema.optional(),
          NewImage: ImageSchema.optional(),
        })
        .optional(),
    }),
  ),
});

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The expense item attributes that place it in a user-month (the repository's own item schema). */
const PlacedExpenseSchema = ExpenseItemSchema.pick({ userId: true, sk: true, id: true }).extend({ date: z.string().regex(ISO_DATE) });
const SortKeySchema = z.object({ sk: z.string() });

/** Integers (amounts, versions) exactly, anything else as a number: nothing read here is a fraction. */
const toNumber = (text: string): bigint | number => (/^-?\d+$/.test(text) ? BigInt(text) : Number(text));

export type TouchedUserMonth = UserMonth & {
  /** By expense id, in the state the batch leaves it: its row in this month, or null (deleted, or moved away). */
  changes: ReadonlyMap<string, AnalyticsRow | null>;
};

/**
 * Unique user-months of a batch, sorted by user then month. Records of other items (aggregates, idempotency
 * records) are skipped: the subscription's filter keeps them out on AWS and locally, and a stray one must not
 * fail the batch. An expense image that does not parse, or a record with no image at all (a stream configured
 * without images), is an error: Lambda retries the batch, and the message says what is wrong.
 */
export function touchedUserMonths(event: unknown): TouchedUserMonth[] {
  const batch = StreamBatchSchema.parse(event);
  const found = new Map<string, UserMonth & { changes: Map<string, AnalyticsRow | null> }>();
  const changesOf = (userId: string, month: string) => {
    const key = `${userId}\n${month}`;
    let touched = found.get(key);
    if (!touched) found.set(key, (touched = { userId, month, changes: new Map() }));
    return touched.changes;
  };
  const expenseOf = (image: Record<string, AttributeValue> | undefined, eventId: string) => {
    if (image === undefined) return undefined;
    const item = unmarshall(image, { wrapNumbers: toNumber });
    if (!SortKeySchema.safeParse(item).data?.sk.startsWith("EXP#")) return undefined;
    const placed = PlacedExpenseSchema.safeParse(item);
    const source = RowSourceItemSchema.safeParse(item);
    if (!placed.success || !source.success) {
      const error = placed.error ?? source.error;
      throw new Error(`stream record ${eventId} has an expense image that does not parse: ${error?.message ?? ""}`);
    }
    return { ...placed.data, month: placed.data.date.slice(0, 7), row: toAnalyticsRow(userHashOf(placed.data.userId), source.data) };
  };

  for (const record of batch.Records) {
    const eventId = record.eventID ?? "?";
    const before = expenseOf(record.dynamodb?.OldImage, eventId);
    const after = expenseOf(record.dynamodb?.NewImage, eventId);
    if (!before && !after) {
      if (record.dynamodb?.OldImage || record.dynamodb?.NewImage) continue;
      const keys = record.dynamodb?.Keys === undefined ? undefined : SortKeySchema.safeParse(unmarshall(record.dynamodb.Keys)).data;
      if (keys && !keys.sk.startsWith("EXP#")) continue;
      throw new Error(`stream record ${eventId} carries no image: the stream must be NEW_AND_OLD_IMAGES`);
    }
    // Records come in stream order, which is per-item change order: a later record overrides an earlier one.
    if (before) changesOf(before.userId, before.month).set(before.id, null);
    if (after) changesOf(after.userId, after.month).set(after.id, after.row);
  }
  return [...found.values()].sort((a, b) => (a.userId !== b.userId ? (a.userId < b.userId ? -1 : 1) : a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
}

/**
 * Whether an object's rows (JSON text by id) already show every change of a batch to its month: then rewriting
 * it from the table would only produce the same bytes, for these changes. (Any other expense's change comes with
 * its own record.)
 */
export function showsChanges(rowsById: ReadonlyMap<string, string>, changes: TouchedUserMonth["changes"]): boolean {
  for (const [id, row] of changes) if (rowsById.get(id) !== (row === null ? undefined : JSON.stringify(row))) return false;
  return true;
}
