import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatAmount, MAX_MINOR_UNITS } from "../../money";
import { CategorySchema, DEFAULT_CATEGORIES, NewExpenseSchema, type ExpenseJson, type NewExpense } from "../../schemas";
import { expensesCsv } from "../expenses-csv";
import { fixture, summarise } from "./__fixtures__/fixtures";
import { detectSettings } from "./detect-settings";
import { mapRows } from "./map-rows";

async function exported(expenses: ExpenseJson[]): Promise<Buffer> {
  async function* pages() {
    yield expenses;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of expensesCsv(pages())) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

function stored(input: NewExpense, index: number): ExpenseJson {
  const { amountMinor, ...rest } = input;
  return {
    ...rest,
    amount: formatAmount(amountMinor, input.currency),
    id: `01JQ3Z8K4M5N6P7Q8R9S0T${String(index).padStart(4, "0")}`,
    createdAt: "2025-03-14T12:00:00.000Z",
    updatedAt: "2025-03-14T12:00:00.000Z",
    version: 1,
    ...(index % 3 === 0 ? { receipt: { status: "ready" as const } } : {}),
  };
}

// The one thing our format cannot carry: text that itself starts with "'" and a formula character reads back
// without that apostrophe (restoreCell cannot tell it from the exporter's), and a tag holding "; " splits.
const text = (max: number) => fc.string({ unit: "grapheme", maxLength: max }).filter((value) => !/^\s*'/.test(value));
const currency = fc.constantFrom("EUR", "JPY", "KWD", "USD", "GBP", "CHF");
const input = fc
  .record(
    {
      date: fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      currency,
      minor: fc.bigInt({ min: 1n, max: MAX_MINOR_UNITS }),
      category: fc.oneof(fc.constantFrom(...DEFAULT_CATEGORIES, "food"), text(50)),
      description: text(120),
      merchant: text(60),
      tags: fc.array(text(20).filter((tag) => !tag.includes(";")), { maxLength: 4 }),
    },
    { requiredKeys: ["date", "currency", "minor", "category", "description"] },
  )
  .map(({ minor, currency, tags, ...rest }) => ({ ...rest, currency, amount: formatAmount(minor, currency), ...(tags && tags.length > 0 ? { tags } : {}) }))
  .map((raw) => NewExpenseSchema.safeParse(raw))
  .filter((parsed) => parsed.success && CategorySchema.safeParse(parsed.data.category).success && (parsed.data.tags?.length ?? 1) > 0)
  .map((parsed) => (parsed.success ? parsed.data : undefined))
  .filter((value): value is NewExpense => value !== undefined);

describe("our own export read back", () => {
  it("maps the fixture 1:1: formula apostrophes gone, tags split, receipt and id left behind", () => {
    const bytes = fixture("ledgerline-export.csv");
    const rows = [...mapRows(bytes, detectSettings(bytes, { defaultCurrency: "EUR" }).settings, { today: "2025-12-31" })];
    expect(rows).toEqual([
      { kind: "expense", line: 2, input: { date: "2025-03-14", amountMinor: 1250n, currency: "EUR", category: "Food", description: 'Lunch, with "Anna"', merchant: "Café Zürich", tags: ["work", "lunch"] } },
      { kind: "expense", line: 3, input: { date: "2025-03-15", amountMinor: 1200n, currency: "JPY", category: "Travel", description: '=HYPERLINK("http://evil.example")', merchant: "@ramen", tags: ["-trip", "+fun"] } },
      { kind: "expense", line: 4, input: { date: "2025-03-16", amountMinor: 1250n, currency: "KWD", category: "My own category", description: "Two lines\r\nof text" } },
      { kind: "expense", line: 6, input: { date: "2025-03-17", amountMinor: 99n, currency: "USD", category: "Other", description: "-5 off coupon", merchant: "+49 Pizza" } },
    ]);
  });

  it("reads a cell with a lone line feed back whole, though the exporter leaves it unquoted", async () => {
    const bytes = await exported([stored({ date: "2025-03-01", amountMinor: 100n, currency: "EUR", category: "Food", description: "one\ntwo" }, 1)]);
    const rows = summarise(mapRows(bytes, detectSettings(bytes, { defaultCurrency: "EUR" }).settings, { today: "2025-12-31" }));
    expect(rows).toEqual([[2, "expense", "2025-03-01", 100n, "EUR", null, "one\ntwo"]]);
  });

  it("reads any set of exported expenses back into the same inputs, on the lines they start on", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(input, { maxLength: 12 }), async (inputs) => {
        const bytes = await exported(inputs.map(stored));
        const detection = detectSettings(bytes, { defaultCurrency: "USD" });
        expect(detection.settings).toEqual({ kind: "ledgerline", encoding: "utf-8", delimiter: "," });
        const rows = [...mapRows(bytes, detection.settings, { today: "2031-01-01" })];
        expect(rows.map((row) => (row.kind === "expense" ? row.input : row))).toEqual(inputs);
        // Line 1 is the header; each row starts one line after the previous plus the breaks inside its description.
        let line = 2;
        const starts = inputs.map(({ description }) => {
          const start = line;
          line += 1 + (description.match(/\r\n|\r|\n/g)?.length ?? 0);
          return start;
        });
        expect(rows.map((row) => row.line)).toEqual(starts);
      }),
      { numRuns: 150 },
    );
  });
});
