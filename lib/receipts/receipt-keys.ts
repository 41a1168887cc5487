/**
 * Where receipt files live in the bucket: `receipts/<userId>/<expenseId>/<uploadId>` for the file the user
 * sent (rewritten in place once checked) and `<that key>.thumb.webp` for its thumbnail. The server picks every
 * key; nothing in a key comes from the browser.
 */
import { ExpenseIdSchema } from "../schemas";

export const RECEIPTS_PREFIX = "receipts/";
export const THUMBNAIL_SUFFIX = ".thumb.webp";

/**
 * Presigned POSTs tag the upload with this; the bucket's lifecycle expires objects still carrying it (uploads
 * whose check never finished), and the receipt function's write-back of an accepted file carries no tags.
 * infra/storage.ts declares the same tag in its lifecycle rule.
 */
export const UNPROCESSED_TAG = { key: "ledgerline-receipt", value: "unprocessed" } as const;
export const UNPROCESSED_TAGGING_XML = `<Tagging><TagSet><Tag><Key>${UNPROCESSED_TAG.key}</Key><Value>${UNPROCESSED_TAG.value}</Value></Tag></TagSet></Tagging>`;

/**
 * The receipt function writes a scan's photo (lib/receipts/scan-item.ts) back with this tag; saving the
 * expense removes it. The lifecycle rule expires objects still carrying it: photos of scans never saved.
 */
export const UNSAVED_SCAN_TAG = { key: "ledgerline-receipt", value: "unsaved-scan" } as const;

/** Cognito `sub`s are UUIDs; anything that could climb out of the prefix is refused. */
const USER_ID = /^[A-Za-z0-9_-]{1,128}$/;

export type ReceiptKeyParts = { userId: string; expenseId: string; uploadId: string };

export function receiptPrefix(userId: string, expenseId: string): string {
  if (!USER_ID.test(userId) || !ExpenseIdSchema.safeParse(expenseId).success) throw new Error("invalid receipt owner");
  return `${RECEIPTS_PREFIX}${userId}/${expenseId}/`;
}

export function receiptKey({ userId, expenseId, uploadId }: ReceiptKeyParts): string {
  if (!ExpenseIdSchema.safeParse(uploadId).success) throw new Error("invalid upload id");
  return `${receiptPrefix(userId, expenseId)}${uploadId}`;
}

export const thumbnailKeyOf = (key: string): string => `${key}${THUMBNAIL_SUFFIX}`;

/** The parts of an uploaded receipt's key, or undefined for anything else (thumbnails, stray objects). */
export function parseReceiptKey(key: string): ReceiptKeyParts | undefined {
  const segments = key.split("/");
  if (segments.length !== 4 || `${segments[0]}/` !== RECEIPTS_PREFIX) return undefined;
  const [, userId = "", expenseId = "", uploadId = ""] = segments;
  if (!USER_ID.test(userId)) return undefined;
  if (!ExpenseIdSchema.safeParse(expenseId).success || !ExpenseIdSchema.safeParse(uploadId).success) return undefined;
  return { userId, expenseId, uploadId };
}
