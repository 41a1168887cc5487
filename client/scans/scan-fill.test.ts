import { describe, expect, it } from "vitest";
import { CURRENCY_OPTIONS } from "@/client/expenses/expense-form-options";
import { listFields, scanFill, scanSummary } from "./scan-fill";

const found = (value: string) => ({ value, confidence: 0.9 });
const none = new Set<never>();
const base = { typed: none, currencies: CURRENCY_OPTIONS, formCurrency: "EUR" };

describe("filling the add form from a scan", () => {
  it("fills every field the receipt showed", () => {
    const fill = scanFill({ amount: found("17.60"), currency: found("USD"), date: found("2025-03-14"), merchant: found("GREEN VALLEY MARKET") }, base);
    expect(fill).toEqual({
      values: { amount: "17.60", currency: "USD", date: "2025-03-14", merchant: "GREEN VALLEY MARKET" },
      filled: ["amount", "currency", "date", "merchant"],
    });
  });

  it("keeps what the person typed", () => {
    const fill = scanFill({ amount: found("17.60"), date: found("2025-03-14"), merchant: found("SHOP") }, { ...base, typed: new Set(["merchant", "date"] as const) });
    expect(fill.values).toEqual({ amount: "17.60" });
  });

  it("reads an amount without a currency in the form's currency", () => {
    expect(scanFill({ amount: found("1250") }, { ...base, formCurrency: "JPY" }).values).toEqual({ amount: "1250" });
  });

  it("leaves the amount out when its currency cannot be set: the person chose another one, or the form does not offer it", () => {
    expect(scanFill({ amount: found("12.50"), currency: found("USD") }, { ...base, typed: new Set(["currency"] as const) }).values).toEqual({});
    expect(scanFill({ amount: found("12.50"), currency: found("THB") }, base).values).toEqual({});
  });

  it("says what was filled, or that nothing was found", () => {
    expect(listFields(["amount", "date", "merchant"])).toBe("amount, date and merchant");
    expect(listFields(["date"])).toBe("date");
    expect(scanSummary({ values: {}, filled: ["amount", "date"] }, 2)).toBe("Filled in the amount and date from the receipt. Check them, then add the expense.");
    expect(scanSummary({ values: {}, filled: [] }, 0)).toMatch(/^Nothing could be read from this receipt/);
    expect(scanSummary({ values: {}, filled: [] }, 3)).toMatch(/already typed/);
  });
});
