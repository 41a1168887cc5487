import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { currencyExponent, MAX_MINOR_UNITS, parseAmount } from "../money";
import { majorUnits, ndjsonOf, parseNdjson, toAnalyticsRow, type AnalyticsRowSource } from "./analytics-row";

const expense = (overrides: Partial<AnalyticsRowSource> = {}): AnalyticsRowSource => ({
  id: "01JHF9Z6Q8C7M5R4T3V2W1X0YZ",
  date: "2025-01-15",
  amountMinor: 1250n,
  currency: "EUR",
  category: "Food",
  ...overrides,
});

describe("analytics rows", () => {
  it("maps an expense to the feed's fields only, in a fixed order", () => {
    const row = toAnalyticsRow("hash", expense({ merchant: "Café" }));
    expect(JSON.stringify(row)).toBe(
      '{"id":"01JHF9Z6Q8C7M5R4T3V2W1X0YZ","user":"hash","date":"2025-01-15","amount":12.5,"currency":"EUR","category":"Food","merchant":"Café","hasReceipt":false}',
    );
  });

  it("writes amounts as numbers in major units with the currency's exponent", () => {
    expect(majorUnits(1234500n, "KWD")).toBe(1234.5);
    expect(majorUnits(1200n, "JPY")).toBe(1200);
    expect(majorUnits(1n, "EUR")).toBe(0.01);
    expect(majorUnits(MAX_MINOR_UNITS, "JPY")).toBe(999_999_999_999);
    expect(JSON.stringify({ amount: majorUnits(1234500n, "KWD") })).toBe('{"amount":1234.5}');
  });

  it("loses nothing: every amount reads back to its minor units (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: MAX_MINOR_UNITS }), fc.constantFrom("JPY", "EUR", "KWD", "BHD", "HUF", "USD"), (minor, currency) => {
        const text = JSON.stringify(majorUnits(minor, currency));
        expect(parseAmount(text, currency)).toBe(minor);
        // The division an analyst would do lands on the same double.
        expect(Number(minor) / 10 ** currencyExponent(currency)).toBe(JSON.parse(text));
      }),
    );
  });

  it("null merchant when there is none; hasReceipt only for a ready receipt", () => {
    expect(toAnalyticsRow("h", expense()).merchant).toBeNull();
    expect(toAnalyticsRow("h", expense()).hasReceipt).toBe(false);
    expect(toAnalyticsRow("h", expense({ receipt: { status: "ready" } })).hasReceipt).toBe(true);
    expect(toAnalyticsRow("h", expense({ receipt: { status: "pending" } })).hasReceipt).toBe(false);
    expect(toAnalyticsRow("h", expense({ receipt: { status: "rejected" } })).hasReceipt).toBe(false);
  });

  it("sorts lines by date then id, so the same rows always give the same bytes", () => {
    const rows = [
      toAnalyticsRow("h", expense({ id: "B", date: "2025-01-02" })),
      toAnalyticsRow("h", expense({ id: "C", date: "2025-01-01" })),
      toAnalyticsRow("h", expense({ id: "A", date: "2025-01-02" })),
    ];
    const text = ndjsonOf(rows);
    expect(parseNdjson(text).map((r) => r.id)).toEqual(["C", "A", "B"]);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text.split("\n")).toHaveLength(4);
    fc.assert(
      fc.property(fc.shuffledSubarray(rows, { minLength: 3, maxLength: 3 }), (shuffled) => {
        expect(ndjsonOf(shuffled)).toBe(text);
      }),
    );
  });

  it("refuses a line that is not a row", () => {
    expect(() => parseNdjson('{"id":"x"}\n')).toThrow(/line 1 is not an analytics row/);
    expect(() => parseNdjson(`${JSON.stringify({ ...toAnalyticsRow("h", expense()), description: "Lunch" })}\n`)).toThrow();
  });
});
