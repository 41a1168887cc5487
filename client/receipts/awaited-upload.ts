import type { Receipt } from "@/lib/schemas";

/** How long an upload grant lasts (lib/receipts/receipt-files.ts UPLOAD_GRANT_SECONDS; S3 refuses the POST after). */
export const UPLOAD_GRANT_MS = 5 * 60_000;
/** Clocks differ and a file sent at the last second still needs its check: a minute before giving up on it. */
export const STALL_MARGIN_MS = 60_000;

/** A file the server is still waiting for: the first one of the expense, or one replacing its ready receipt. */
export type AwaitedUpload = {
  isReplacement: boolean;
  /** Past this instant (epoch ms) the file will never come: its grant has ended, with a margin. */
  stalledAfter: number;
};

/**
 * What the server is waiting for, if anything. A first upload is pending in `receipt` since its grant
 * (`updatedAt`); a replacement is pending beside the ready receipt until `expiresAt`. A rejected replacement
 * waits for nothing: the person decides what to do with it.
 */
export function awaitedUpload(receipt: Receipt | undefined): AwaitedUpload | null {
  if (receipt?.replacement?.status === "pending") {
    return { isReplacement: true, stalledAfter: Date.parse(receipt.replacement.expiresAt) + STALL_MARGIN_MS };
  }
  if (receipt?.status !== "pending") return null;
  // Without its grant's instant nothing says the file will not come: keep waiting.
  const grantedAt = receipt.updatedAt === undefined ? Number.NaN : Date.parse(receipt.updatedAt);
  return { isReplacement: false, stalledAfter: Number.isNaN(grantedAt) ? Number.POSITIVE_INFINITY : grantedAt + UPLOAD_GRANT_MS + STALL_MARGIN_MS };
}
