import iso4217 from "currency-codes";
import { describe, expect, it } from "vitest";
import { CURRENCY_EXPONENTS } from "./currency-exponents";
import { currencyExponent, displayAmount, formatAmount, isCurrencyCode, parseAmount } from "./money";
import { CurrencySchema, ExpenseSchema } from "./schemas";

/** Where the table keeps CLDR's decimals instead of ISO's (a minor unit nobody writes any more), with ISO's value. */
const CLDR_WHOLE_UNITS: Record<string, number> = {
  AFN: 2, ALL: 2, COP: 2, HUF: 2, IDR: 2, IQD: 3, IRR: 2, KPW: 2, LAK: 2, LBP: 2, MGA: 2, MMK: 2, PKR: 2, SOS: 2, SYP: 2, YER: 2,
};
/** Special drawing rights units: ISO lists no minor unit ("N.A."); CLDR and the table use 2. */
const NO_ISO_MINOR_UNIT = ["XDR", "XSU"];
/** Accepted though not on the 2024 ISO list: withdrawn (old statements still name them) or newer than it. */
const OUTSIDE_THE_LIST = ["HRK", "SLL", "ZWL", "XCG"];
/** On the ISO list but not money a person spends: fund codes, precious metals, testing and "no currency". */
const NOT_ACCEPTED = ["BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XPD", "XPT", "XTS", "XUA", "XXX", "VED"];

describe("the pinned currency table", () => {
  it("agrees with ISO 4217 List One on every code, except the differences listed here", () => {
    const differences: string[] = [];
    for (const [code, exponent] of Object.entries(CURRENCY_EXPONENTS)) {
      const iso = iso4217.code(code);
      if (!iso) {
        if (!OUTSIDE_THE_LIST.includes(code)) differences.push(`${code}: not an ISO 4217 code`);
        continue;
      }
      const expected = CLDR_WHOLE_UNITS[code] !== undefined ? 0 : NO_ISO_MINOR_UNIT.includes(code) ? 2 : iso.digits;
      if (CLDR_WHOLE_UNITS[code] !== undefined) expect(iso.digits, `${code} in ISO`).toBe(CLDR_WHOLE_UNITS[code]);
      if (exponent !== expected) differences.push(`${code}: ${exponent} decimals, ISO ${iso.digits}`);
    }
    expect(differences).toEqual([]);
  });

  it("accepts every ISO 4217 currency people pay with", () => {
    expect(iso4217.codes().filter((code) => !(code in CURRENCY_EXPONENTS)).sort()).toEqual(NOT_ACCEPTED.filter((code) => iso4217.code(code)).sort());
  });

  it("decides the decimals, not the runtime's ICU data", () => {
    expect([currencyExponent("JPY"), currencyExponent("EUR"), currencyExponent("KWD"), currencyExponent("HUF")]).toEqual([0, 2, 3, 0]);
    // What is displayed follows the table too: 12345 minor units of HUF are 12,345 forints, of BHD 12.345 dinars.
    expect(displayAmount(12345n, "HUF", "en")).toMatch(/^HUF\s12,345$/);
    expect(displayAmount(12345n, "BHD", "en")).toMatch(/^BHD\s12\.345$/);
    expect(parseAmount("12.345", "BHD")).toBe(12345n);
  });

  it("still reads a stored amount whose currency it does not know, but takes no new one", () => {
    expect(isCurrencyCode("ZZZ")).toBe(false);
    expect(CurrencySchema.safeParse("ZZZ").success).toBe(false);
    expect(() => parseAmount("1.00", "ZZZ")).toThrow(/not an ISO 4217 currency code/);
    expect(formatAmount(1234n, "ZZZ")).toBe("12.34");
    expect(displayAmount(1234n, "ZZZ", "en")).toMatch(/ZZZ\s12\.34/);
    const stored = {
      id: "01JQ3Z8K4M5N6P7Q8R9S0T1V2W",
      date: "2025-03-14",
      amount: "12.34",
      currency: "ZZZ",
      category: "Food",
      description: "From an older version",
      createdAt: "2025-03-14T09:30:00.000Z",
      updatedAt: "2025-03-14T09:30:00.000Z",
      version: 1,
    };
    expect(ExpenseSchema.safeParse(stored).success).toBe(true);
  });
});
