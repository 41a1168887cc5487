/**
 * The receipt reader on AWS: Amazon Textract AnalyzeExpense (synchronous, one page) on the stored object,
 * mapped by map-analyze-expense.ts. The client is created once by the caller (functions/) and passed in.
 * Textract reads JPEG, PNG, TIFF and PDF but not WebP: a WebP receipt is sent as PNG bytes instead.
 * Textract's errors (throttling, an unsupported or unreadable document) are thrown as they come.
 */
import { AnalyzeExpenseCommand, type Document, type TextractClient } from "@aws-sdk/client-textract";
import sharp from "sharp";
import { mapAnalyzeExpense } from "./map-analyze-expense";
import { ReceiptScanInputSchema, type ReceiptReader, type ReceiptScanInput } from "./receipt-reader";
import type { ScanResult } from "../../schemas";

export type TextractReaderDeps = { textract: Pick<TextractClient, "send"> };

const TEXTRACT_TYPES = new Set(["image/jpeg", "image/png", "image/tiff", "application/pdf"]);

async function documentOf(input: ReturnType<typeof ReceiptScanInputSchema.parse>): Promise<Document> {
  if (!TEXTRACT_TYPES.has(input.contentType)) return { Bytes: await sharp(input.bytes).png().toBuffer() };
  if (input.object) return { S3Object: { Bucket: input.object.bucket, Name: input.object.key } };
  return { Bytes: input.bytes };
}

export function createTextractReader({ textract }: TextractReaderDeps): ReceiptReader {
  return {
    async read(raw: ReceiptScanInput): Promise<ScanResult> {
      const input = ReceiptScanInputSchema.parse(raw);
      const response = await textract.send(new AnalyzeExpenseCommand({ Document: await documentOf(input) }));
      return mapAnalyzeExpense(response, { today: input.today, defaultCurrency: input.defaultCurrency });
    },
  };
}
