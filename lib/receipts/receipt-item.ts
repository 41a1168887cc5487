/** The `receipt` attribute of an expense item, as the API and the receipt function write it. */
import { z } from "zod";
import { ReceiptStatusSchema, type Receipt } from "../schemas";

export const ReceiptItemSchema = z.object({
  status: ReceiptStatusSchema,
  /** The object key of the current upload; settling is conditional on it, so a replaced upload changes nothing. */
  key: z.string().min(1),
  contentType: z.string(),
  reason: z.string().optional(),
  thumbnailKey: z.string().optional(),
  size: z.number().int().optional(),
  updatedAt: z.string(),
});
export type ReceiptItem = z.infer<typeof ReceiptItemSchema>;

/**
 * The `replacement` attribute: an upload replacing a ready receipt. The ready receipt stays in `receipt` (and
 * viewable) until this one is checked; a rejected replacement keeps its reason until dismissed or replaced.
 */
export const ReplacementItemSchema = z.object({
  status: z.enum(["pending", "rejected"]),
  key: z.string().min(1),
  contentType: z.string(),
  size: z.number().int(),
  reason: z.string().optional(),
  expiresAt: z.string(),
});
export type ReplacementItem = z.infer<typeof ReplacementItemSchema>;

/** What the API shows of a receipt: its state, never its keys. */
export function toReceipt(item: ReceiptItem, replacement?: ReplacementItem): Receipt {
  return {
    status: item.status,
    contentType: item.contentType,
    ...(item.reason !== undefined ? { reason: item.reason } : {}),
    hasThumbnail: item.thumbnailKey !== undefined,
    updatedAt: item.updatedAt,
    ...(replacement
      ? { replacement: { status: replacement.status, expiresAt: replacement.expiresAt, ...(replacement.reason !== undefined ? { reason: replacement.reason } : {}) } }
      : {}),
  };
}
