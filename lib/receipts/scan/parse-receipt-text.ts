/**
 * The pure reading of a receipt's OCR text into a ScanResult: tesseract-reader.ts feeds it the engine's
 * lines (with their confidences), tests feed it fixtures. Each field has its own reader and its own
 * documented confidence heuristic: scan-total.ts (amount), scan-currency.ts, scan-dates.ts (never after
 * `today`; month first when the receipt is in US dollars), scan-merchant.ts. The currency is read first,
 * because it decides how amounts are read (JPY has no decimals, "1.234" is a thousand in EUR).
 */
import { currencyExponent } from "../../money";
import { ocrLines, type ReceiptText } from "./ocr-text";
import { toScanResult, type ScanDraft } from "./receipt-reader";
import type { ScanResult } from "../../schemas";
import { detectCurrency } from "./scan-currency";
import { findDate } from "./scan-dates";
import { findMerchant } from "./scan-merchant";
import { classifyLine, findTotal } from "./scan-total";

export type ParseOptions = { today: string; defaultCurrency: string };

export function parseReceiptText(text: ReceiptText, { today, defaultCurrency }: ParseOptions): ScanResult {
  const lines = ocrLines(text);
  const texts = lines.map((line) => line.text);
  const kinds = texts.map(classifyLine);
  const currency = detectCurrency(texts, (i) => kinds[i]?.kind === "total", defaultCurrency);
  const effective = currency?.code ?? defaultCurrency;
  // Validates the currency early: an unknown default is the caller's bug, not "nothing found".
  currencyExponent(effective);
  const draft: ScanDraft = {
    total: findTotal(lines, kinds, effective),
    currency: currency ? { value: currency.code, confidence: currency.confidence } : undefined,
    date: findDate(texts, { today, isMonthFirst: effective === "USD" }),
    merchant: findMerchant(texts),
  };
  return toScanResult(draft, defaultCurrency);
}
