import { z } from "zod";
import { ValidationError } from "../../errors";
import { headerRole } from "./header-role";
import { DelimiterSchema, type Delimiter } from "./import-settings";
import { isAmountLike } from "./parse-amount-cell";
import { isDateLike } from "./parse-date";
import { readRecords } from "./read-records";
import { LineSchema } from "./row-result";

export const LayoutSchema = z.object({
  delimiter: DelimiterSchema,
  headerRow: LineSchema.nullable().meta({ description: "1-based line of the header; null when the file has none" }),
  header: z.array(z.string()).nullable(),
  width: z.number().int().min(2).meta({ description: "Fields per transaction row" }),
});
export type Layout = z.infer<typeof LayoutSchema>;

/** Layout needs a sample, not the file: preambles are short and 400 records show the table's shape. */
const SAMPLE_RECORDS = 400;
/** Header first, then data rows with this many rows of another width (notes, subtotals) in between at most. */
const MAX_GAP = 4;
const DELIMITERS: readonly Delimiter[] = [";", ",", "\t", "|"];

type Row = { line: number; cells: string[]; isTransaction: boolean; isHeaderLike: boolean; knownNames: number; filled: number };

function analyse(line: number, cells: string[]): Row {
  const nonEmpty = cells.filter((cell) => cell.trim() !== "");
  const dates = cells.map((cell) => isDateLike(cell));
  const amounts = cells.map((cell) => isAmountLike(cell));
  const isTransaction = dates.some((isDate, i) => isDate && amounts.some((isAmount, j) => isAmount && j !== i));
  const isHeaderLike =
    nonEmpty.length >= 2 &&
    !dates.some(Boolean) &&
    !amounts.some(Boolean) &&
    nonEmpty.filter((cell) => /\p{L}/u.test(cell)).length * 2 >= nonEmpty.length;
  return {
    line,
    cells,
    isTransaction,
    isHeaderLike,
    knownNames: cells.filter((cell) => headerRole(cell).length > 0).length,
    filled: nonEmpty.length / cells.length,
  };
}

function trimmedWidth(cells: readonly string[]): number {
  let width = cells.length;
  while (width > 0 && (cells[width - 1] ?? "").trim() === "") width--;
  return width;
}

type Candidate = { layout: Layout; score: number; hasHeader: number; knownNames: number; filled: number; index: number };

/** Transaction rows of `width` from `from` on, tolerating a few rows of another width in between. */
function runScore(rows: readonly Row[], from: number, width: number): number {
  let score = 0;
  let gap = 0;
  for (let j = from; j < rows.length && gap <= MAX_GAP; j++) {
    const row = rows[j];
    if (!row) break;
    if (row.cells.length !== width) {
      gap++;
      continue;
    }
    gap = 0;
    if (row.isTransaction) score++;
  }
  return score;
}

function candidates(delimiter: Delimiter, rows: readonly Row[]): Candidate[] {
  const found: Candidate[] = [];
  rows.forEach((row, k) => {
    if (row.isHeaderLike) {
      // The table's width is that of the first transaction soon after (pending rows may come between).
      const first = rows.slice(k + 1, k + 12).find((next) => next.isTransaction);
      if (!first) return;
      const width = first.cells.length;
      const headerWidth = trimmedWidth(row.cells);
      // A header may name one column fewer than the rows have (a trailing delimiter on every data row).
      if (headerWidth > width || headerWidth < width - 1) return;
      const layout = { delimiter, headerRow: row.line, header: row.cells, width };
      found.push({ layout, score: runScore(rows, k + 1, width), hasHeader: 1, knownNames: row.knownNames, filled: row.filled, index: k });
    } else if (row.isTransaction && !(rows[k - 1]?.isTransaction ?? false)) {
      const layout = { delimiter, headerRow: null, header: null, width: row.cells.length };
      found.push({ layout, score: runScore(rows, k, row.cells.length), hasHeader: 0, knownNames: 0, filled: 0, index: k });
    }
  });
  return found;
}

/** Most transactions; then a header over none; known header words; a fuller header; the header nearest the data. */
function better(a: Candidate, b: Candidate): boolean {
  const keys = (c: Candidate) => [c.score, c.hasHeader, c.knownNames, c.filled, c.layout.width, c.index];
  const [x, y] = [keys(a), keys(b)];
  for (let i = 0; i < x.length; i++) {
    const [p = 0, q = 0] = [x[i], y[i]];
    if (p !== q) return p > q;
  }
  return false;
}

/**
 * The delimiter and header row of a bank export, from the shape of many rows rather than characters in line 1:
 * for each delimiter, the header is a row of words (no dates, no amounts) followed by a run of rows of the
 * same width that read as transactions (a date and an amount in other cells). Preamble lines (account,
 * IBAN, balance, "Zeitraum", blank lines) are whatever comes before it. The delimiter whose table holds the
 * most transactions wins; a file of transactions with no header row has `headerRow: null`.
 */
export function detectLayout(text: string): Layout {
  let best: Candidate | undefined;
  for (const delimiter of DELIMITERS) {
    const rows: Row[] = [];
    for (const record of readRecords(text, delimiter)) {
      if (record.unreadable !== undefined || rows.length >= SAMPLE_RECORDS) break;
      rows.push(analyse(record.line, record.cells));
    }
    for (const candidate of candidates(delimiter, rows)) if (!best || better(candidate, best)) best = candidate;
  }
  if (!best || best.score === 0) {
    throw new ValidationError([{ path: "file", message: "no transactions found: no row has both a date and an amount" }]);
  }
  return best.layout;
}
