import { EXPORT_COLUMNS } from "../../schemas";
import { TAG_SEPARATOR } from "../expenses-csv";
import { categoryOf, finishExpense, rejected, skipped, type RowContext } from "./finish-row";
import { restoreCell } from "./ledgerline-format";
import type { FileRecord } from "./read-records";
import type { RowResult } from "./row-result";

type Column = (typeof EXPORT_COLUMNS)[number];

/**
 * One row of our own export, mapped 1:1: cells as written (the formula apostrophe our exporter added
 * removed), tags split on "; ", an empty merchant or tags cell meaning none. `receipt` and `id` stay behind:
 * an import creates new expenses, and a receipt file does not travel in a CSV.
 */
export function mapLedgerlineRow(record: FileRecord, context: RowContext): RowResult {
  const { line, cells } = record;
  if (cells.every((cell) => cell.trim() === "")) return skipped(line, "Empty row");
  const cell = (column: Column) => restoreCell(cells[EXPORT_COLUMNS.indexOf(column)] ?? "");
  const [date, amount, currency, merchant, tags] = [cell("date"), cell("amount"), cell("currency"), cell("merchant"), cell("tags")];
  if (!/\d/.test(amount)) return rejected(line, `The amount '${amount}' is not a number`);
  const input = {
    date,
    amount,
    currency,
    category: categoryOf(cell("category"), context),
    description: cell("description"),
    ...(merchant === "" ? {} : { merchant }),
    ...(tags === "" ? {} : { tags: tags.split(TAG_SEPARATOR) }),
  };
  return finishExpense(line, input, { date, amount, currency, merchant, tags }, context);
}
