/** The part of an S3 event notification our functions read, parsed rather than trusted. */
import { z } from "zod";

export const S3EventSchema = z.object({
  Records: z.array(
    z.object({
      eventName: z.string(),
      s3: z.object({
        bucket: z.object({ name: z.string() }),
        object: z.object({ key: z.string(), size: z.number().optional() }),
      }),
    }),
  ),
});

export type CreatedObject = { eventName: string; bucket: string; key: string; size?: number };

/**
 * S3 sends keys form-URL-encoded (a space as `+`, unicode as %XX UTF-8), so `+` is turned back into a space
 * before the percent-decoding; a literal `+` arrives as %2B.
 */
export function decodeEventKey(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, " "));
}

export function createdObjectsOf(event: unknown): CreatedObject[] {
  return S3EventSchema.parse(event).Records.filter((record) => record.eventName.startsWith("ObjectCreated:")).map((record) => ({
    eventName: record.eventName,
    bucket: record.s3.bucket.name,
    key: decodeEventKey(record.s3.object.key),
    ...(record.s3.object.size !== undefined ? { size: record.s3.object.size } : {}),
  }));
}
