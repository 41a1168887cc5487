import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatAmount } from "../../money";
import { amountOfText, decimalOf, findAmounts } from "./scan-amounts";

const values = (line: string, currency = "EUR") => findAmounts(line, currency).map((t) => formatAmount(t.minor, currency));

describe("findAmounts", () => {
  it("reads US/UK, European, Swiss and French formats", () => {
    expect(values("TOTAL $1,234.56", "USD")).toEqual(["1234.56"]);
    expect(values("SUMME 1.234,56")).toEqual(["1234.56"]);
    expect(values("SUMME 12,50")).toEqual(["12.50"]);
    expect(values("Total CHF 1'234.50", "CHF")).toEqual(["1234.50"]);
    expect(values("TOTAL TTC 1 234,56 €")).toEqual(["1234.56"]);
    expect(values("Summe 12,-")).toEqual(["12.00"]);
  });

  it("reads yen without decimals, with the symbol before or 円 after", () => {
    expect(values("合計 ¥1,280", "JPY")).toEqual(["1280"]);
    expect(values("合計 1280円", "JPY")).toEqual(["1280"]);
    expect(values("TOTAL ¥1,280.00", "JPY")).toEqual(["1280"]);
  });

  it("repairs O for 0, S for 5 and spaces inside numbers, and says so", () => {
    const [token] = findAmounts("T0TAL: $11 . 9O", "USD");
    expect(token && formatAmount(token.minor, "USD")).toBe("11.90");
    expect(token?.isRepaired).toBe(true);
    expect(values("MUFFIN 2.9S", "USD")).toEqual(["2.95"]);
    expect(values("TAX CODE S   $4.00 S", "USD")).toEqual(["4.00"]);
  });

  it("leaves out dates, times, percentages, ids, negatives and bare counts", () => {
    expect(values("14.03.2025 17:42 Bon 4711")).toEqual([]);
    expect(values("MwSt 19% 3,80")).toEqual(["3.80"]);
    expect(values("TC #2034 REF 1498308145")).toEqual([]);
    expect(values("DISCOUNT -2.50 5,00- -€1.00")).toEqual([]);
    expect(values("TOTAL ITEMS 4")).toEqual([]);
    expect(values("800-532-2918", "USD")).toEqual([]);
  });

  it("keeps a bare integer with a currency mark, and in a currency without decimals", () => {
    expect(values("TOTAL €12")).toEqual(["12.00"]);
    expect(values("TOTAL 1280", "JPY")).toEqual(["1280"]);
  });

  it("refuses what parseAmount refuses: zero and too many decimals", () => {
    expect(values("CHANGE 0.00")).toEqual([]);
    expect(values("PRICE 1.6899 EUR")).toEqual([]);
  });

  it("reads a three-digit group after the receipt's decimal separator as decimals, not thousands", () => {
    expect(decimalOf("571.160", 2, ".")).toEqual({ decimal: "571.160", fraction: 3 });
    expect(decimalOf("1.234", 2, ",")).toEqual({ decimal: "1234", fraction: 0 });
    expect(decimalOf("1.234", 2)).toEqual({ decimal: "1234", fraction: 0 });
    expect(decimalOf("12,34,5", 2)).toBeUndefined();
  });

  it("reads back any amount formatted the US or the European way", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 99_999_999_99n }), fc.boolean(), (minor, isEuropean) => {
        const [whole = "0", cents = "00"] = formatAmount(minor, "EUR").split(".");
        const grouped = whole.replace(/\B(?=(\d{3})+$)/g, isEuropean ? "." : ",");
        const text = `TOTAL ${grouped}${isEuropean ? "," : "."}${cents} EUR`;
        expect(findAmounts(text, "EUR").map((t) => t.minor)).toEqual([minor]);
      }),
    );
  });
});

describe("amountOfText", () => {
  it("takes the largest amount of a Textract value", () => {
    expect(amountOfText("$1,810.46", "USD")?.minor).toBe(181046n);
    expect(amountOfText("no amount", "USD")).toBeUndefined();
  });
});
