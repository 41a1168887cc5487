import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_MINOR_UNITS, parseAmount } from "../../money";
import type { ThousandsSeparator } from "./import-settings";
import { isAmountLike, parseAmountCell, type NumberFormat } from "./parse-amount-cell";

const comma: NumberFormat = { decimalSeparator: ",", thousandsSeparator: "." };
const point: NumberFormat = { decimalSeparator: ".", thousandsSeparator: "," };

describe("parseAmountCell", () => {
  it.each([
    ["1.444,00", comma, "1444.00", false],
    ["1,280.8", point, "1280.8", false],
    ["-1 234,56", comma, "1234.56", true],
    ["-1\u00a0234,56 €", comma, "1234.56", true],
    ["1'234.50", point, "1234.50", false],
    ["(12.50)", point, "12.50", true],
    ["12,50-", comma, "12.50", true],
    ["+3,20", comma, "3.20", false],
    ["−7,99", comma, "7.99", true],
    [".50", point, "0.50", false],
    ["0012", point, "12", false],
  ] as const)("reads %j as %s", (text, format, decimal, isNegative) => {
    expect(parseAmountCell(text, format)).toMatchObject({ decimal, isNegative });
  });

  it("takes the currency symbol or code and a trailing CR/DR apart from the size", () => {
    expect(parseAmountCell("£1,183.23", point)).toEqual({ decimal: "1183.23", isNegative: false, marker: null, currencyToken: "£", grouping: "," });
    expect(parseAmountCell("-$5.75", point)).toMatchObject({ decimal: "5.75", isNegative: true, currencyToken: "$" });
    expect(parseAmountCell("EUR -3,20", comma)).toMatchObject({ decimal: "3.20", isNegative: true, currencyToken: "EUR" });
    expect(parseAmountCell("500.00 CR", point)).toMatchObject({ decimal: "500.00", isNegative: false, marker: "CR" });
    expect(parseAmountCell("12.00DR", point)).toMatchObject({ marker: "DR" });
  });

  it("refuses what is not a number in the format: letters, two decimal separators, 2-digit groups, a comma decimal read as point", () => {
    for (const text of ["abc", "", "12,50", "1.2.3", "1,5", "12 50", "1.234,56", "12.50 XYZ", "--5", "(5", "2025-03-05"]) {
      expect(parseAmountCell(text, point), text).toBeUndefined();
    }
    expect(parseAmountCell("1,280.80", comma)).toBeUndefined();
  });

  it("accepts a thousands separator only where the format has it (spaces and apostrophes always)", () => {
    expect(parseAmountCell("1.234,56", { decimalSeparator: ",", thousandsSeparator: "" })).toBeUndefined();
    expect(parseAmountCell("1 234,56", { decimalSeparator: ",", thousandsSeparator: "" })).toMatchObject({ decimal: "1234.56" });
  });

  it("finds amounts in either convention for layout detection", () => {
    expect(isAmountLike("1.444,00")).toBe(true);
    expect(isAmountLike("$1,234.11")).toBe(true);
    expect(isAmountLike("05.03.2025")).toBe(false);
    expect(isAmountLike("REWE")).toBe(false);
  });

  it("reads back any amount formatted with any separators, sign style and symbol, to the exact minor unit", () => {
    const separators = fc.constantFrom<["," | ".", string]>([",", ""], [",", "."], [",", " "], [",", "\u00a0"], [",", "'"], [".", ""], [".", ","], [".", " "], [".", "'"]);
    const currency = fc.constantFrom(["EUR", 2] as const, ["JPY", 0] as const, ["KWD", 3] as const);
    const style = fc.constantFrom("plain", "minus", "trailing", "parentheses", "cr", "symbol", "code");
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: MAX_MINOR_UNITS }), separators, currency, style, (minor, [decimalSeparator, group], [code, exponent], how) => {
        const digits = minor.toString().padStart(exponent + 1, "0");
        const whole = digits.slice(0, digits.length - exponent);
        const grouped = group === "" ? whole : whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
        const number = exponent === 0 ? grouped : `${grouped}${decimalSeparator}${digits.slice(-exponent)}`;
        const text = {
          plain: number,
          minus: `-${number}`,
          trailing: `${number}-`,
          parentheses: `(${number})`,
          cr: `${number} CR`,
          symbol: `€${number}`,
          code: `-${number} ${code}`,
        }[how];
        const thousandsSeparator: ThousandsSeparator = group === "\u00a0" || group === " " ? " " : group === "." || group === "," || group === "'" ? group : "";
        const cell = parseAmountCell(text, { decimalSeparator, thousandsSeparator });
        expect(cell, text).toBeDefined();
        expect(parseAmount(cell?.decimal ?? "", code)).toBe(minor);
        expect(cell?.isNegative).toBe(["minus", "trailing", "parentheses", "code"].includes(how));
        expect(cell?.marker).toBe(how === "cr" ? "CR" : null);
      }),
      { numRuns: 1000 },
    );
  });
});
