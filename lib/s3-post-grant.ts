import type { S3Client } from "@aws-sdk/client-s3";
import { createPresignedPost } from "@aws-sdk/s3-presigned-post";

export type PostGrant = { url: string; fields: Record<string, string>; expiresAt: string; maxBytes: number };

/**
 * A presigned POST that S3 itself holds to: this key, this Content-Type, 1 byte to `maxBytes`, for `seconds`.
 * `fields` are extra form fields the upload must send as given (they become policy conditions too).
 */
export async function grantPost(
  s3: S3Client,
  input: { bucket: string; key: string; contentType: string; maxBytes: number; seconds: number; issuedAt: Date; fields?: Record<string, string> },
): Promise<PostGrant> {
  const { url, fields } = await createPresignedPost(s3, {
    Bucket: input.bucket,
    Key: input.key,
    Conditions: [["content-length-range", 1, input.maxBytes]],
    Fields: { "Content-Type": input.contentType, ...input.fields },
    Expires: input.seconds,
  });
  return { url, fields, expiresAt: new Date(input.issuedAt.getTime() + input.seconds * 1000).toISOString(), maxBytes: input.maxBytes };
}
