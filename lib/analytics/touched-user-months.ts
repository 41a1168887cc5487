/**
 * The user-months a DynamoDB stream batch touches: from the OldImage and the NewImage of every record, because an
 * edit that moves an expense to another month changes both months (and a delete has only an OldImage). Only the
 * parts read here are parsed; the images are unmarshalled with @aws-sdk/util-dynamodb.
 */
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { z } from "zod";
import { ExpenseItemSchema } from "../expenses/items";
import type { UserMonth } from "./analytics-keys";

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
const PlacedExpenseSchema = ExpenseItemSchema.pick({ userId: true, sk: true }).extend({ date: z.string().regex(ISO_DATE) });
const SortKeySchema = z.object({ sk: z.string() });

/**
 * Unique user-months of a batch, sorted by user then month. Records of other items (aggregates, idempotency
 * records) are skipped: the subscription's filter keeps them out on AWS and locally, and a stray one must not
 * fail the batch. An expense image that does not parse, or a record with no image at all (a stream configured
 * without images), is an error: Lambda retries the batch, and the message says what is wrong.
 */
export function touchedUserMonths(event: unknown): UserMonth[] {
  const batch = StreamBatchSchema.parse(event);
  const found = new Map<string, UserMonth>();
  for (const record of batch.Records) {
    const images = [record.dynamodb?.OldImage, record.dynamodb?.NewImage].filter((image) => image !== undefined);
    const keys = record.dynamodb?.Keys === undefined ? undefined : SortKeySchema.safeParse(unmarshall(record.dynamodb.Keys)).data;
    if (images.length === 0) {
      if (keys && !keys.sk.startsWith("EXP#")) continue;
      throw new Error(`stream record ${record.eventID ?? "?"} carries no image: the stream must be NEW_AND_OLD_IMAGES`);
    }
    for (const image of images) {
      const item = unmarshall(image, { wrapNumbers: true });
      if (!SortKeySchema.safeParse(item).data?.sk.startsWith("EXP#")) continue;
      const parsed = PlacedExpenseSchema.safeParse(item);
      if (!parsed.success) throw new Error(`stream record ${record.eventID ?? "?"} has an expense image that does not parse: ${parsed.error.message}`);
      const userMonth = { userId: parsed.data.userId, month: parsed.data.date.slice(0, 7) };
      found.set(`${userMonth.userId}\n${userMonth.month}`, userMonth);
    }
  }
  return [...found.values()].sort((a, b) => (a.userId !== b.userId ? (a.userId < b.userId ? -1 : 1) : a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
}
