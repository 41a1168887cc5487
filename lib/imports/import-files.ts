/** The uploaded CSV files: a presigned POST to upload one, and reading it back. */
import { GetObjectCommand, NoSuchKey, type S3Client } from "@aws-sdk/client-s3";
import { grantPost } from "../s3-post-grant";
import { ImportIdSchema, MAX_IMPORT_BYTES } from "./import-schemas";

export const IMPORT_GRANT_SECONDS = 5 * 60;
const USER_ID = /^[A-Za-z0-9_-]{1,128}$/;
const IMPORT_KEY = /^imports\/([A-Za-z0-9_-]{1,128})\/([0-9A-HJKMNP-TV-Z]{26})\.csv$/;

/** `imports/<userId>/<importId>.csv`; like receipt keys, refused for any id that could leave the user's prefix. */
export function importObjectKey(userId: string, importId: string): string {
  if (!USER_ID.test(userId) || !ImportIdSchema.safeParse(importId).success) throw new Error("invalid import owner or id");
  return `imports/${userId}/${importId}.csv`;
}

/** The owner and import of an uploaded file's key, or undefined for anything else under imports/. */
export function parseImportKey(key: string): { userId: string; importId: string } | undefined {
  const match = IMPORT_KEY.exec(key);
  return match ? { userId: match[1] ?? "", importId: match[2] ?? "" } : undefined;
}

export type ImportFiles = ReturnType<typeof createImportFiles>;

export function createImportFiles({ s3, bucket, now = () => new Date() }: { s3: S3Client; bucket: string; now?: () => Date }) {
  return {
    /** This key only, this Content-Type only, 1 byte to 20 MB, five minutes. */
    grantUpload(key: string, contentType: string) {
      return grantPost(s3, { bucket, key, contentType, maxBytes: MAX_IMPORT_BYTES, seconds: IMPORT_GRANT_SECONDS, issuedAt: now() });
    },

    async read(key: string): Promise<Uint8Array | undefined> {
      try {
        const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return Body ? await Body.transformToByteArray() : undefined;
      } catch (error) {
        if (error instanceof NoSuchKey) return undefined;
        throw error;
      }
    },
  };
}
