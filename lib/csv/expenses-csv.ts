/**
 * The export file (DESIGN.md "CSV"): RFC 4180 via csv-stringify (quotes only where needed, doubled inner
 * quotes), UTF-8 with a BOM so spreadsheet apps read accents right, CRLF line ends, formula cells neutralised.
 * Streamed: rows are pulled from the pages as the consumer reads, so memory does not grow with the export.
 */
import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { EXPORT_COLUMNS, type ExpenseJson } from "../schemas";
import { neutraliseCell } from "./neutralise-cell";

/** Several tags share one cell; the import splits on the same separator. */
export const TAG_SEPARATOR = "; ";

export function exportRecord(expense: ExpenseJson): string[] {
  const cells: Record<(typeof EXPORT_COLUMNS)[number], string> = {
    date: expense.date,
    amount: expense.amount,
    currency: expense.currency,
    category: expense.category,
    merchant: expense.merchant ?? "",
    description: expense.description,
    tags: (expense.tags ?? []).join(TAG_SEPARATOR),
    receipt: expense.receipt?.status ?? "",
    id: expense.id,
  };
  return EXPORT_COLUMNS.map((column) => neutraliseCell(cells[column], column === "amount"));
}

/** A readable byte stream of the whole file: BOM, header, one record per expense. */
export function expensesCsv(pages: AsyncIterable<readonly ExpenseJson[]>): Readable {
  async function* records() {
    for await (const page of pages) for (const expense of page) yield exportRecord(expense);
  }
  // A lone LF or CR in a cell must be quoted too (csv-stringify quotes only its own record delimiter, CRLF).
  const stringifier = stringify({ bom: true, header: true, columns: [...EXPORT_COLUMNS], record_delimiter: "\r\n", eof: true, quoted_match: /[\r\n]/ });
  const source = Readable.from(records());
  source.on("error", (error) => stringifier.destroy(error));
  return source.pipe(stringifier);
}

/** `expenses-<from>-<to>.csv`; an open end is named by the first expense ever ("start") or today. */
export function exportFileName(filters: { from?: string; to?: string }, today: string): string {
  return `expenses-${filters.from ?? "start"}-${filters.to ?? today}.csv`;
}
