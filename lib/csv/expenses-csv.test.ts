import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EXPORT_COLUMNS, type ExpenseJson } from "../schemas";
import { exportFileName, exportRecord, expensesCsv } from "./expenses-csv";
import { neutraliseCell } from "./neutralise-cell";

const expense = (overrides: Partial<ExpenseJson> = {}): ExpenseJson => ({
  id: "01JQ3Z8K4M5N6P7Q8R9S0T1V2W",
  date: "2025-03-14",
  amount: "12.50",
  currency: "EUR",
  category: "Food",
  description: "Lunch",
  createdAt: "2025-03-14T12:00:00.000Z",
  updatedAt: "2025-03-14T12:00:00.000Z",
  version: 1,
  ...overrides,
});

async function fileOf(expenses: ExpenseJson[], pageSize = 2): Promise<Buffer> {
  async function* pages() {
    for (let i = 0; i < expenses.length; i += pageSize) yield expenses.slice(i, i + pageSize);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of expensesCsv(pages())) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

describe("neutraliseCell", () => {
  it.each(["=1+1", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"])("prefixes %j with an apostrophe", (cell) => {
    expect(neutraliseCell(cell)).toBe(`'${cell}`);
  });

  it("keeps ordinary text and a plain negative number in a numeric column", () => {
    expect(neutraliseCell("Café = good")).toBe("Café = good");
    expect(neutraliseCell("-12.50", true)).toBe("-12.50");
    expect(neutraliseCell("-12.50")).toBe("'-12.50");
    expect(neutraliseCell("-1+2", true)).toBe("'-1+2");
  });
});

describe("expensesCsv", () => {
  it("starts with a UTF-8 BOM and the header, ends every record with CRLF", async () => {
    const file = await fileOf([expense(), expense({ merchant: "Zürich", tags: ["a", "b"], receipt: { status: "ready" } })]);
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = file.subarray(3).toString("utf8");
    expect(text).toBe(
      `${EXPORT_COLUMNS.join(",")}\r\n` +
        "2025-03-14,12.50,EUR,Food,,Lunch,,,01JQ3Z8K4M5N6P7Q8R9S0T1V2W\r\n" +
        "2025-03-14,12.50,EUR,Food,Zürich,Lunch,a; b,ready,01JQ3Z8K4M5N6P7Q8R9S0T1V2W\r\n",
    );
  });

  it("quotes a cell holding a lone LF or CR, not only CRLF (RFC 4180)", async () => {
    const text = (await fileOf([expense({ description: "first\nsecond", merchant: "a\rb" })])).subarray(3).toString("utf8");
    expect(text.split("\r\n")[1]).toBe('2025-03-14,12.50,EUR,Food,"a\rb","first\nsecond",,,01JQ3Z8K4M5N6P7Q8R9S0T1V2W');
  });

  it("writes a header only when there is nothing to export", async () => {
    expect((await fileOf([])).subarray(3).toString("utf8")).toBe(`${EXPORT_COLUMNS.join(",")}\r\n`);
  });

  it("reads back identical for any text, except that formula cells gain their apostrophe", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ description: fc.string({ unit: "grapheme" }), merchant: fc.string({ minLength: 1 }) }), { maxLength: 8 }), async (fields) => {
        const expenses = fields.map((f) => expense(f));
        const [header, ...rows] = parse((await fileOf(expenses, 3)).subarray(3).toString("utf8")) as string[][];
        expect(header).toEqual([...EXPORT_COLUMNS]);
        expect(rows).toEqual(expenses.map(exportRecord));
        expect(rows.map((row) => [row[4], row[5]])).toEqual(expenses.map((e) => [neutraliseCell(e.merchant ?? ""), neutraliseCell(e.description)]));
      }),
      { numRuns: 200 },
    );
  });
});

describe("exportFileName", () => {
  it("names the range, an open end by start or today", () => {
    expect(exportFileName({ from: "2025-01-01", to: "2025-03-31" }, "2026-12-01")).toBe("expenses-2025-01-01-2025-03-31.csv");
    expect(exportFileName({}, "2026-12-01")).toBe("expenses-start-2026-12-01.csv");
  });
});
