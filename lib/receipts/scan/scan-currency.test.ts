import { describe, expect, it } from "vitest";
import { detectCurrency } from "./scan-currency";

const code = (lines: string[], defaultCurrency?: string) => detectCurrency(lines, () => false, defaultCurrency)?.code;

describe("detectCurrency", () => {
  it("reads symbols", () => {
    expect(code(["TOTAL 12,50 €"])).toBe("EUR");
    expect(code(["TOTAL £12.50"])).toBe("GBP");
    expect(code(["合計 ¥1,280"])).toBe("JPY");
    expect(code(["合計 1,280円"])).toBe("JPY");
    expect(code(["SUMA 45,60 zł"])).toBe("PLN");
    expect(code(["Totalt 146,00 kr"])).toBe("SEK");
  });

  it("reads an ISO code next to an amount, however far the column", () => {
    expect(code(["SUMME EUR            23,80"])).toBe("EUR");
    expect(code(["Total CHF 14.20"])).toBe("CHF");
    expect(code(["TOTAL CAD $63.83"])).toBe("CAD");
  });

  it("does not take words that happen to be codes, nor a code without an amount", () => {
    expect(code(["ALL 12.50 TOP 3.00"])).toBeUndefined();
    expect(code(["UID CHE-123.456.789"])).toBeUndefined();
  });

  it("reads $ as the user's own dollar, a printed code's, or USD", () => {
    expect(code(["TOTAL $11.30"], "CAD")).toBe("CAD");
    expect(code(["TOTAL $11.30"], "EUR")).toBe("USD");
    expect(code(["TOTAL $11.30", "AUD 11.30"], "CAD")).toBe("AUD");
  });

  it("is sure of a code on the total line and unsure of a language hint alone", () => {
    expect(detectCurrency(["TOTAL EUR 5,00"], () => true)?.confidence).toBeGreaterThanOrEqual(0.9);
    expect(detectCurrency(["SUMME 5,00", "MwSt 19% 0,80"])).toEqual({ code: "EUR", confidence: 0.35 });
    expect(detectCurrency(["TOTAL 5.00"])).toBeUndefined();
  });

  it("is less sure when two currencies compete", () => {
    const mixed = detectCurrency(["TOTAL €10.00", "= £8.60"]);
    expect(mixed?.confidence).toBeLessThan(0.8);
  });
});
