/**
 * Scanning a receipt: what the photo proposes for the expense form — amount, currency, date, merchant —
 * each with a confidence, or absent when it was not found. Two readers keep this one contract: Amazon
 * Textract's AnalyzeExpense on AWS (textract-reader.ts) and tesseract.js with its bundled English data
 * locally (tesseract-reader.ts). The caller (functions/, local/) picks one; lib never decides which.
 */
import { z } from "zod";
import { formatAmount, MAX_MINOR_UNITS } from "../../money";
import { CalendarDateSchema, CurrencySchema, ScanResultSchema, type ScanResult } from "../../schemas";

export const ReceiptScanInputSchema = z.object({
  /** The receipt's bytes (after the receipt function's clean-up: JPEG, PNG or WebP; PDFs are not read by tesseract). */
  bytes: z.instanceof(Buffer),
  contentType: z.string(),
  /** Where the same file is stored: Textract reads it there instead of receiving the bytes. */
  object: z.object({ bucket: z.string().min(1), key: z.string().min(1) }).optional(),
  /** The user's calendar day of the scan (YYYY-MM-DD): no date after it is proposed. */
  today: CalendarDateSchema,
  /** The user's default currency: the amount's decimals when the receipt names no currency. */
  defaultCurrency: CurrencySchema,
});
export type ReceiptScanInput = z.input<typeof ReceiptScanInputSchema>;

export interface ReceiptReader {
  read(input: ReceiptScanInput): Promise<ScanResult>;
}

export type ScanField<T> = { value: T; confidence: number };

export type ScanDraft = {
  total?: ScanField<bigint>;
  currency?: ScanField<string>;
  date?: ScanField<string>;
  merchant?: ScanField<string>;
};

const rounded = <T>(field: ScanField<T>): ScanField<T> => ({
  value: field.value,
  confidence: Number(Math.min(1, Math.max(0, field.confidence)).toFixed(2)),
});

/**
 * The result both readers return: the total in minor units becomes the API's decimal string of its
 * currency (formatAmount, the same as a typed amount); one outside (0, 10^12) minor units is dropped.
 */
export function toScanResult(draft: ScanDraft, defaultCurrency: string): ScanResult {
  const currency = draft.currency?.value ?? defaultCurrency;
  const { total } = draft;
  const isAmount = total !== undefined && total.value > 0n && total.value <= MAX_MINOR_UNITS;
  return ScanResultSchema.parse({
    ...(isAmount ? { amount: rounded({ value: formatAmount(total.value, currency), confidence: total.confidence }) } : {}),
    ...(draft.currency ? { currency: rounded(draft.currency) } : {}),
    ...(draft.date ? { date: rounded(draft.date) } : {}),
    ...(draft.merchant ? { merchant: rounded(draft.merchant) } : {}),
  });
}
