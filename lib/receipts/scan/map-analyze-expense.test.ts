import { readFileSync } from "node:fs";
import type { AnalyzeExpenseResponse, ExpenseField } from "@aws-sdk/client-textract";
import { describe, expect, it } from "vitest";
import { mapAnalyzeExpense } from "./map-analyze-expense";
import { ScanResultSchema } from "../../schemas";

const saved = (name: string): AnalyzeExpenseResponse =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/textract/${name}.json`, import.meta.url), "utf8"));

const field = (type: string, text: string, extra: Partial<ExpenseField> = {}, confidence = 99): ExpenseField => ({
  Type: { Text: type, Confidence: confidence },
  ValueDetection: { Text: text, Confidence: confidence },
  ...extra,
});
const response = (...fields: ExpenseField[]): AnalyzeExpenseResponse => ({ ExpenseDocuments: [{ ExpenseIndex: 1, SummaryFields: fields }] });

describe("mapAnalyzeExpense on a real Textract response (MEGA MARKET PLUS store receipt, 12/07/2019)", () => {
  const result = mapAnalyzeExpense(saved("analyze-expense-receipt"), { today: "2025-06-30", defaultCurrency: "EUR" });

  it("takes the TOTAL $1810.46 in USD, not the SUBTOTAL $1699.96", () => {
    expect(result.amount?.value).toBe("1810.46");
    expect(result.currency).toEqual({ value: "USD", confidence: expect.any(Number) });
    expect(result.amount?.confidence).toBeGreaterThan(0.95);
  });

  it("reads the US date 12/07/2019 month first", () => {
    expect(result.date?.value).toBe("2019-12-07");
  });

  it("takes the most confident VENDOR_NAME, the printed MEGA MARKET PLUS over the misread logo", () => {
    expect(result.merchant?.value).toBe("MEGA MARKET PLUS");
  });

  it("is a valid ScanResult with confidences in 0..1", () => {
    expect(ScanResultSchema.parse(result)).toEqual(result);
  });
});

describe("mapAnalyzeExpense on a real Textract invoice response", () => {
  const result = mapAnalyzeExpense(saved("analyze-expense-invoice"), { today: "2025-06-30", defaultCurrency: "USD" });

  it("takes the TOTAL labelled Grand Total, not the SUBTOTAL labelled Total", () => {
    expect(result.amount?.value).toBe("6231.09");
  });

  it("reads 01-Jan-2021 and the $ of the amounts", () => {
    expect(result.date?.value).toBe("2021-01-01");
    expect(result.currency?.value).toBe("USD");
  });

  it("does not take the receiver's NAME for the merchant", () => {
    expect(result.merchant).toBeUndefined();
  });
});

describe("mapAnalyzeExpense rules", () => {
  const options = { today: "2025-06-30", defaultCurrency: "EUR" };

  it("scales Textract's 0..100 confidences to 0..1 (type x value)", () => {
    const result = mapAnalyzeExpense(response(field("TOTAL", "12,50 €", {}, 90)), options);
    expect(result.amount).toEqual({ value: "12.50", confidence: 0.81 });
  });

  it("uses AMOUNT_PAID only without a TOTAL, and never SUBTOTAL or TAX", () => {
    expect(mapAnalyzeExpense(response(field("SUBTOTAL", "€20.00"), field("TAX", "€3.80")), options).amount).toBeUndefined();
    expect(mapAnalyzeExpense(response(field("AMOUNT_PAID", "€23.80"), field("SUBTOTAL", "€20.00")), options).amount?.value).toBe("23.80");
    expect(mapAnalyzeExpense(response(field("AMOUNT_PAID", "€50.00"), field("TOTAL", "€23.80")), options).amount?.value).toBe("23.80");
  });

  it("formats the amount with the currency's decimals (JPY has none)", () => {
    const result = mapAnalyzeExpense(response(field("TOTAL", "¥1,280", { Currency: { Code: "JPY" } })), options);
    expect(result).toMatchObject({ amount: { value: "1280" }, currency: { value: "JPY" } });
  });

  it("leaves the currency out when nothing names it, and formats for the default", () => {
    const result = mapAnalyzeExpense(response(field("TOTAL", "23.80")), options);
    expect(result.amount?.value).toBe("23.80");
    expect(result.currency).toBeUndefined();
  });

  it("drops a receipt date after today", () => {
    expect(mapAnalyzeExpense(response(field("INVOICE_RECEIPT_DATE", "2025-12-24")), options).date).toBeUndefined();
  });

  it("falls back to a NAME of the VENDOR group for the merchant", () => {
    const result = mapAnalyzeExpense(response(field("NAME", "Café Central", { GroupProperties: [{ Types: ["VENDOR"] }] })), options);
    expect(result.merchant?.value).toBe("Café Central");
  });

  it("returns nothing for an empty answer", () => {
    expect(mapAnalyzeExpense({}, options)).toEqual({});
    expect(mapAnalyzeExpense({ ExpenseDocuments: [] }, options)).toEqual({});
  });
});
