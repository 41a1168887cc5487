/**
 * Textract's AnalyzeExpense answer -> ScanResult (pure). Summary fields used: TOTAL (else AMOUNT_DUE, else
 * AMOUNT_PAID), never SUBTOTAL or TAX; INVOICE_RECEIPT_DATE; VENDOR_NAME (else a NAME in the VENDOR group,
 * never the receiver's); and the `Currency.Code` Textract attaches to amount fields. Values are read with
 * the same amount and date readers as OCR text, so "$1,810.46" and "12/07/2019" mean what they mean there.
 *
 * Confidence: Textract gives one for the field's type and one for its value text (0..100); a field's is
 * their product (both must be right), times the date reader's certainty about day/month order (+0.1, at
 * most 1), times 0.9 for a fallback field type (AMOUNT_PAID, a VENDOR-group NAME, a currency code found on
 * another field than the total).
 */
import type { AnalyzeExpenseResponse, ExpenseField } from "@aws-sdk/client-textract";
import { toScanResult, type ScanDraft, type ScanField } from "./receipt-reader";
import type { ScanResult } from "../../schemas";
import { amountOfText } from "./scan-amounts";
import { detectCurrency, isCurrencyWord } from "./scan-currency";
import { datesInLine } from "./scan-dates";
import { cleanMerchant } from "./scan-merchant";

export type MapAnalyzeExpenseOptions = { today: string; defaultCurrency: string };

const AMOUNT_TYPES = [
  { type: "TOTAL", factor: 1 },
  { type: "AMOUNT_DUE", factor: 1 },
  { type: "AMOUNT_PAID", factor: 0.9 },
] as const;

const textOf = (field: ExpenseField) => field.ValueDetection?.Text?.trim() ?? "";
const confidenceOf = (field: ExpenseField) => ((field.Type?.Confidence ?? 0) / 100) * ((field.ValueDetection?.Confidence ?? 0) / 100);

function mostConfident<T>(fields: readonly ExpenseField[], read: (field: ExpenseField) => ScanField<T> | undefined): ScanField<T> | undefined {
  return fields.map(read).reduce<ScanField<T> | undefined>((best, f) => (f && (!best || f.confidence > best.confidence) ? f : best), undefined);
}

function currencyOf(fields: readonly ExpenseField[], defaultCurrency: string): ScanField<string> | undefined {
  const coded = fields.filter((f) => isCurrencyWord(f.Currency?.Code?.toUpperCase() ?? ""));
  const onTotal = mostConfident(
    coded.filter((f) => f.Type?.Text === "TOTAL"),
    (f) => ({ value: (f.Currency?.Code ?? "").toUpperCase(), confidence: confidenceOf(f) }),
  );
  if (onTotal) return onTotal;
  const elsewhere = mostConfident(coded, (f) => ({ value: (f.Currency?.Code ?? "").toUpperCase(), confidence: 0.9 * confidenceOf(f) }));
  if (elsewhere) return elsewhere;
  // No code: the symbols printed in the amount values ("€12.50").
  const amountTexts = fields.filter((f) => AMOUNT_TYPES.some(({ type }) => f.Type?.Text === type)).map(textOf);
  const guess = detectCurrency(amountTexts, () => true, defaultCurrency);
  return guess ? { value: guess.code, confidence: guess.confidence } : undefined;
}

export function mapAnalyzeExpense(response: Pick<AnalyzeExpenseResponse, "ExpenseDocuments">, options: MapAnalyzeExpenseOptions): ScanResult {
  const fields = (response.ExpenseDocuments ?? []).flatMap((document) => document.SummaryFields ?? []).filter((f) => textOf(f) !== "");
  const ofType = (type: string) => fields.filter((f) => f.Type?.Text === type);
  const currency = currencyOf(fields, options.defaultCurrency);
  const effective = currency?.value ?? options.defaultCurrency;

  let total: ScanField<bigint> | undefined;
  for (const { type, factor } of AMOUNT_TYPES) {
    total = mostConfident(ofType(type), (f) => {
      const token = amountOfText(textOf(f), effective);
      return token && { value: token.minor, confidence: factor * confidenceOf(f) * (token.isRepaired ? 0.85 : 1) };
    });
    if (total) break;
  }

  const date = mostConfident(ofType("INVOICE_RECEIPT_DATE"), (f) => {
    const guess = datesInLine(textOf(f), { today: options.today, isMonthFirst: effective === "USD" })[0];
    return guess && { value: guess.value, confidence: confidenceOf(f) * Math.min(1, guess.confidence + 0.1) };
  });

  const merchantOf = (factor: number) => (f: ExpenseField) => {
    const value = cleanMerchant(textOf(f));
    return value.length > 1 ? { value, confidence: factor * confidenceOf(f) } : undefined;
  };
  const vendorGroupNames = ofType("NAME").filter((f) => f.GroupProperties?.some((g) => g.Types?.includes("VENDOR")));
  const merchant = mostConfident(ofType("VENDOR_NAME"), merchantOf(1)) ?? mostConfident(vendorGroupNames, merchantOf(0.9));

  const draft: ScanDraft = { total, currency, date, merchant };
  return toScanResult(draft, options.defaultCurrency);
}
