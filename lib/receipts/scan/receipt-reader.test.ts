import { describe, expect, it } from "vitest";
import { ScanResultSchema } from "../../schemas";
import { toScanResult } from "./receipt-reader";

describe("toScanResult", () => {
  it("formats the total in the read currency's decimals, else the default's", () => {
    expect(toScanResult({ total: { value: 1280n, confidence: 0.9 }, currency: { value: "JPY", confidence: 0.8 } }, "EUR").amount?.value).toBe("1280");
    expect(toScanResult({ total: { value: 1280n, confidence: 0.9 } }, "EUR")).toEqual({ amount: { value: "12.80", confidence: 0.9 } });
    expect(toScanResult({ total: { value: 1280n, confidence: 0.9 } }, "KWD").amount?.value).toBe("1.280");
  });

  it("drops a total outside what an expense may hold (> 0, < 10^12 minor units)", () => {
    expect(toScanResult({ total: { value: 0n, confidence: 0.9 } }, "EUR")).toEqual({});
    expect(toScanResult({ total: { value: 10n ** 12n, confidence: 0.9 } }, "EUR")).toEqual({});
  });

  it("keeps confidences within 0..1, rounded to hundredths", () => {
    expect(toScanResult({ merchant: { value: "SHOP", confidence: 1.2 }, date: { value: "2025-01-02", confidence: 0.123 } }, "EUR")).toEqual({
      merchant: { value: "SHOP", confidence: 1 },
      date: { value: "2025-01-02", confidence: 0.12 },
    });
  });
});

describe("ScanResultSchema", () => {
  it("refuses a float amount, an unknown currency, an impossible date and a multi-line merchant", () => {
    expect(ScanResultSchema.safeParse({ amount: { value: "1e3", confidence: 0.5 } }).success).toBe(false);
    expect(ScanResultSchema.safeParse({ currency: { value: "XYZ", confidence: 0.5 } }).success).toBe(false);
    expect(ScanResultSchema.safeParse({ date: { value: "2025-02-30", confidence: 0.5 } }).success).toBe(false);
    expect(ScanResultSchema.safeParse({ merchant: { value: "A\nB", confidence: 0.5 } }).success).toBe(false);
    expect(ScanResultSchema.safeParse({ merchant: { value: "A", confidence: 1.5 } }).success).toBe(false);
  });
});
