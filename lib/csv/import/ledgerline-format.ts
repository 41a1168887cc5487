/** Our own export read back: recognised by its exact header, cells restored from the exporter's escaping. */
import { EXPORT_COLUMNS } from "../../schemas";

/** Whether a record is exactly our export's header (DESIGN.md "CSV"), with nothing added or renamed. */
export function isLedgerlineHeader(cells: readonly string[]): boolean {
  return cells.length === EXPORT_COLUMNS.length && EXPORT_COLUMNS.every((column, i) => cells[i] === column);
}

/**
 * Undoes neutraliseCell: our exporter puts `'` before a cell starting with = + - @ tab or CR (formula
 * injection), so exactly that apostrophe goes. A cell that really began with "'=" cannot be told apart and
 * loses its apostrophe too: the price of a file that opens safely in a spreadsheet.
 */
export function restoreCell(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}
