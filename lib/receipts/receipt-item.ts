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

/** What the API shows of a receipt: its state, never its keys. */
export function toReceipt(item: ReceiptItem): Receipt {
  return {
    status: item.status,
    contentType: item.contentType,
    ...(item.reason !== undefined ? { reason: item.reason } : {}),
    hasThumbnail: item.thumbnailKey !== undefined,
    updatedAt: item.updatedAt,
  };
}
