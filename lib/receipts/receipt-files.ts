/** The receipt objects in the bucket: grants to upload and view, reads, write-backs and removal. */
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  PutObjectTaggingCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { grantPost } from "../s3-post-grant";
import { MAX_RECEIPT_BYTES, type PresignedLink, type ReceiptContentType, type ReceiptUpload } from "../schemas";
import { receiptPrefix, UNPROCESSED_TAGGING_XML, UNSAVED_SCAN_TAG } from "./receipt-keys";

export const UPLOAD_GRANT_SECONDS = 5 * 60;
export const VIEW_LINK_SECONDS = 15 * 60;

export type ReceiptFilesDeps = { s3: S3Client; bucket: string; now?: () => Date };

export type ReceiptFiles = ReturnType<typeof createReceiptFiles>;

/** Quotes and control characters cannot end up in the header S3 sends back. */
function inlineDisposition(fileName: string): string {
  const safe = fileName.replace(/[^A-Za-z0-9._-]/g, "_");
  return `inline; filename="${safe}"`;
}

export function createReceiptFiles({ s3, bucket, now = () => new Date() }: ReceiptFilesDeps) {
  /** Every key under a prefix (an expense has a handful: the file, its thumbnail, a replaced one in flight). */
  async function keysUnder(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
      keys.push(...(page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : [])));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys;
  }

  async function remove(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000);
      if (batch.length === 0) continue;
      const { Errors } = await s3.send(
        new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
      );
      if (Errors && Errors.length > 0) throw new Error(`could not delete ${Errors.length} receipt object(s): ${Errors[0]?.Code ?? "?"}`);
    }
  }

  return {
    /**
     * A presigned POST that S3 itself holds to: this key only, this Content-Type only, 1 byte to 10 MB, five
     * minutes. The tag marks the object unprocessed until the receipt function writes the checked file back.
     */
    grantUpload(key: string, contentType: ReceiptContentType): Promise<ReceiptUpload> {
      return grantPost(s3, {
        bucket,
        key,
        contentType,
        maxBytes: MAX_RECEIPT_BYTES,
        seconds: UPLOAD_GRANT_SECONDS,
        issuedAt: now(),
        fields: { tagging: UNPROCESSED_TAGGING_XML },
      });
    },

    async linkTo(key: string, contentType: string, fileName: string): Promise<PresignedLink> {
      const issuedAt = now();
      const url = await getSignedUrl(
        s3,
        new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentType: contentType, ResponseContentDisposition: inlineDisposition(fileName) }),
        { expiresIn: VIEW_LINK_SECONDS, signingDate: issuedAt },
      );
      return { url, expiresAt: new Date(issuedAt.getTime() + VIEW_LINK_SECONDS * 1000).toISOString() };
    },

    /** The object's bytes, or undefined when it is gone (deleted or replaced before we got to it). */
    async read(key: string): Promise<Buffer | undefined> {
      try {
        const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        if (!Body) return undefined;
        return Buffer.from(await Body.transformToByteArray());
      } catch (error) {
        if (error instanceof NoSuchKey) return undefined;
        throw error;
      }
    },

    /**
     * Written without the unprocessed tag, so that lifecycle rule no longer applies; a scan's photo (not yet
     * an expense's) is tagged as unsaved instead, and expires unless `keep` is called once it is saved.
     */
    async write(key: string, body: Buffer, contentType: string, options: { isUnsavedScan?: boolean } = {}): Promise<void> {
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentType: contentType,
          CacheControl: "private, max-age=900",
          ...(options.isUnsavedScan ? { Tagging: `${UNSAVED_SCAN_TAG.key}=${UNSAVED_SCAN_TAG.value}` } : {}),
        }),
      );
    },

    /** Removes the unsaved-scan tag: the photo now belongs to a saved expense and must not expire. */
    async keep(keys: readonly string[]): Promise<void> {
      for (const key of keys) {
        try {
          await s3.send(new PutObjectTaggingCommand({ Bucket: bucket, Key: key, Tagging: { TagSet: [] } }));
        } catch (error) {
          // A thumbnail that was never made (a PDF) has nothing to keep.
          if (!(error instanceof NoSuchKey || (error instanceof Error && error.name === "NoSuchKey"))) throw error;
        }
      }
    },

    remove,

    /** Deletes every object of an expense's receipts, except `keep`. */
    async removeAllOf(userId: string, expenseId: string, keep: readonly string[] = []): Promise<void> {
      const keys = await keysUnder(receiptPrefix(userId, expenseId));
      await remove(keys.filter((key) => !keep.includes(key)));
    },

    keysUnder,
  };
}
