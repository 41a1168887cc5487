import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ValidationError } from "./errors";
import { MAX_MINOR_UNITS, currencyExponent, displayAmount, formatAmount, isCurrencyCode, parseAmount, supportedCurrencies } from "./money";

function rejection(text: string, currency: string): string {
  try {
    parseAmount(text, currency);
  } catch (error) {
    if (error instanceof ValidationError) return error.errors.map((e) => `${e.path}: ${e.message}`).join("; ");
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} ${currency} to be rejected`);
}

describe("currencyExponent", () => {
  it.each([
    ["JPY", 0],
    ["USD", 2],
    ["EUR", 2],
    ["KWD", 3],
    ["BHD", 3],
  ])("knows %s has %i decimals", (currency, exponent) => {
    expect(currencyExponent(currency)).toBe(exponent);
  });

  it("rejects a code that is not ISO 4217", () => {
    expect(() => currencyExponent("ABC")).toThrow(ValidationError);
    expect(isCurrencyCode("eur")).toBe(false);
  });

  it("comes from ISO data, not a hand list: it has the codes and minor units ISO 4217 lists", () => {
    const codes = new Set(supportedCurrencies());
    // From ISO 4217's list of active codes (minor unit in brackets).
    const iso = { EUR: 2, USD: 2, GBP: 2, CHF: 2, SEK: 2, INR: 2, BRL: 2, ZAR: 2, JPY: 0, KRW: 0, VND: 0, PYG: 0, KWD: 3, BHD: 3, JOD: 3, OMR: 3, TND: 3 };
    for (const [code, exponent] of Object.entries(iso)) {
      expect(codes.has(code), code).toBe(true);
      expect(currencyExponent(code), code).toBe(exponent);
    }
    for (const notIso of ["ABC", "EU", "EURO", "usd", "BTC"]) expect(codes.has(notIso), notIso).toBe(false);
  });
});

describe("parseAmount", () => {
  it.each([
    ["12.34", "EUR", 1234n],
    ["12.3", "EUR", 1230n],
    ["12", "EUR", 1200n],
    ["0.01", "USD", 1n],
    ["1200", "JPY", 1200n],
    ["1.234", "KWD", 1234n],
    ["0.001", "BHD", 1n],
    ["007.50", "EUR", 750n],
    ["9999999999.99", "EUR", MAX_MINOR_UNITS],
    ["999999999999", "JPY", MAX_MINOR_UNITS],
    ["999999999.999", "KWD", MAX_MINOR_UNITS],
  ])("parses %s %s as %s minor units", (text, currency, minor) => {
    expect(parseAmount(text, currency)).toBe(minor);
  });

  it.each([
    ["12.345", "EUR", "EUR allows at most 2 decimals"],
    ["12.340", "EUR", "EUR allows at most 2 decimals"],
    ["1.5", "JPY", "JPY has no decimals"],
    ["1.2345", "KWD", "KWD allows at most 3 decimals"],
    ["0", "EUR", "must be greater than 0"],
    ["0.00", "EUR", "must be greater than 0"],
    ["-5.00", "EUR", "decimal string"],
    ["+5.00", "EUR", "decimal string"],
    ["1e3", "EUR", "decimal string"],
    ["NaN", "EUR", "decimal string"],
    ["Infinity", "EUR", "decimal string"],
    ["", "EUR", "decimal string"],
    [" 12.00", "EUR", "decimal string"],
    ["12,00", "EUR", "decimal string"],
    ["12.", "EUR", "decimal string"],
    [".5", "EUR", "decimal string"],
    ["0x10", "EUR", "decimal string"],
    ["١٢", "EUR", "decimal string"],
    ["10000000000.00", "EUR", "must be less than 10000000000.00 EUR"],
    ["1000000000000", "JPY", "must be less than 1000000000000 JPY"],
    ["1000000000", "KWD", "must be less than 1000000000.000 KWD"],
    ["9".repeat(10_000), "EUR", "must be less than"],
  ])("rejects %s %s", (text, currency, message) => {
    const problem = rejection(text, currency);
    expect(problem).toContain("amount: ");
    expect(problem).toContain(message);
  });

  it("names the field it was given", () => {
    expect(() => parseAmount("x", "EUR", "items.3.amount")).toThrow(/items\.3\.amount/);
  });
});

describe("formatAmount", () => {
  it.each([
    [1234n, "EUR", "12.34"],
    [5n, "EUR", "0.05"],
    [1200n, "JPY", "1200"],
    [1n, "KWD", "0.001"],
    [-250n, "USD", "-2.50"],
    [0n, "EUR", "0.00"],
    [12345678901234567890n, "EUR", "123456789012345678.90"],
  ])("formats %s %s as %s", (minor, currency, text) => {
    expect(formatAmount(minor, currency)).toBe(text);
  });

  it("displays a large amount without losing a cent", () => {
    expect(displayAmount(99999999999999999n, "EUR", "en-US")).toBe("€999,999,999,999,999.99");
    expect(displayAmount(1234n, "KWD", "en-US")).toContain("1.234");
  });
});

const currency = fc.constantFrom("EUR", "USD", "JPY", "KWD", "BHD", "CLP", "GBP");
const validMinor = fc.bigInt({ min: 1n, max: MAX_MINOR_UNITS });

describe("money invariants", () => {
  it("parse(format(x)) == x for every valid amount", () => {
    fc.assert(
      fc.property(validMinor, currency, (minor, code) => {
        expect(parseAmount(formatAmount(minor, code), code)).toBe(minor);
      }),
      { numRuns: 2_000 },
    );
  });

  it("format(parse(s)) == s for canonical decimal strings", () => {
    fc.assert(
      fc.property(validMinor, currency, (minor, code) => {
        const text = formatAmount(minor, code);
        expect(formatAmount(parseAmount(text, code), code)).toBe(text);
      }),
    );
  });

  it("sums exactly where floating point would drift", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 99 }), { minLength: 1, maxLength: 50 }), (cents) => {
        const texts = cents.map((c) => `0.${String(c).padStart(2, "0")}`);
        const total = texts.reduce((sum, text) => sum + parseAmount(text, "EUR"), 0n);
        expect(total).toBe(BigInt(cents.reduce((a, b) => a + b, 0)));
      }),
    );
  });

  it("never accepts a string that is not plain digits with an optional point", () => {
    fc.assert(
      fc.property(fc.string(), currency, (text, code) => {
        fc.pre(!/^\d+(\.\d+)?$/.test(text));
        expect(() => parseAmount(text, code)).toThrow(ValidationError);
      }),
      { numRuns: 1_000 },
    );
  });
});
