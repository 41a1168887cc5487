/**
 * One pass over every data row, keeping per-column counts only (memory does not grow with the file): how
 * many cells read as dates in each format, as amounts in each number convention, as currency codes or
 * debit/credit markers, and a few samples. detect-formats decides from these counts.
 */
import { isCurrencyCode } from "../../money";
import { DATE_FORMATS, type DateFormat } from "./import-settings";
import { markerDirection } from "./marker-direction";
import { CANDIDATE_FORMATS, parseAmountCell } from "./parse-amount-cell";
import { isPendingCell } from "./row-signal";
import { parseDate, slashDashParts } from "./parse-date";

export type ColumnStats = {
  nonEmpty: number;
  samples: string[];
  distinct: Set<string>;
  totalLength: number;
  withLetters: number;
  ibanLike: number;
  dateValid: Map<DateFormat, number>;
  firstOver12: boolean;
  secondOver12: boolean;
  pending: number;
  amountLike: number;
  /** Per CANDIDATE_FORMATS entry: cells it reads, and the grouping characters they used. */
  byFormat: { ok: number; grouping: Map<string, number> }[];
  /** Cells only one convention reads: the decimal separator's votes. */
  onlyComma: number;
  onlyPoint: number;
  /** "1.234" / "1,234": either a thousands group or three decimals. */
  threeDigitPoint: number;
  threeDigitComma: number;
  negative: number;
  withFraction: number;
  longInteger: number;
  creditMarked: number;
  currencyTokens: Map<string, number>;
  isoCodes: number;
  markers: Map<string, number>;
};

export type TableStats = { rows: number; columns: ColumnStats[]; presence: Map<string, number> };

const MAX_SAMPLES = 5;
const MAX_DISTINCT = 50;
const MAX_SIGNATURES = 2000;
/** After this many cells with no date (or no amount) at all, a column is not one: stop testing it. */
const GIVE_UP_AFTER = 50;

function emptyStats(): ColumnStats {
  return {
    nonEmpty: 0,
    samples: [],
    distinct: new Set(),
    totalLength: 0,
    withLetters: 0,
    ibanLike: 0,
    dateValid: new Map(),
    firstOver12: false,
    secondOver12: false,
    pending: 0,
    amountLike: 0,
    byFormat: CANDIDATE_FORMATS.map(() => ({ ok: 0, grouping: new Map() })),
    onlyComma: 0,
    onlyPoint: 0,
    threeDigitPoint: 0,
    threeDigitComma: 0,
    negative: 0,
    withFraction: 0,
    longInteger: 0,
    creditMarked: 0,
    currencyTokens: new Map(),
    isoCodes: 0,
    markers: new Map(),
  };
}

const bump = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);

function addDate(stats: ColumnStats, cell: string): void {
  // Past the first cells only formats that already matched can still win: test just those.
  const formats = stats.nonEmpty > GIVE_UP_AFTER ? [...stats.dateValid.keys()] : DATE_FORMATS;
  if (formats.length === 0) return;
  for (const format of formats) if (parseDate(cell, format).ok) bump(stats.dateValid, format);
  const parts = slashDashParts(cell);
  if (parts) {
    if (parts.first > 12) stats.firstOver12 = true;
    if (parts.second > 12) stats.secondOver12 = true;
  }
}

function addAmount(stats: ColumnStats, cell: string): boolean {
  if (stats.nonEmpty > GIVE_UP_AFTER && stats.amountLike === 0) return false;
  const readings = CANDIDATE_FORMATS.map((format) => parseAmountCell(cell, format));
  const [comma, point] = readings;
  readings.forEach((reading, i) => {
    const slot = stats.byFormat[i];
    if (!reading || !slot) return;
    slot.ok++;
    if (reading.grouping !== null) bump(slot.grouping, reading.grouping);
  });
  const reading = comma ?? point;
  if (!reading) return false;
  stats.amountLike++;
  if (comma && !point) stats.onlyComma++;
  if (point && !comma) stats.onlyPoint++;
  const digits = cell.replace(/[^\d.,]/g, "");
  if (/^\d{1,3}\.\d{3}$/.test(digits)) stats.threeDigitPoint++;
  if (/^\d{1,3},\d{3}$/.test(digits)) stats.threeDigitComma++;
  if (reading.isNegative) stats.negative++;
  if (reading.marker === "CR") stats.creditMarked++;
  if (/[.,]\d{1,2}$/.test(digits)) stats.withFraction++;
  if (/^\d{7,}$/.test(cell.trim())) stats.longInteger++;
  if (reading.currencyToken !== null) bump(stats.currencyTokens, reading.currencyToken);
  return true;
}

function addCell(stats: ColumnStats, cell: string): boolean {
  const value = cell.trim();
  if (value === "") return false;
  stats.nonEmpty++;
  if (stats.samples.length < MAX_SAMPLES && !stats.samples.includes(value)) stats.samples.push(value);
  if (stats.distinct.size < MAX_DISTINCT) stats.distinct.add(value);
  stats.totalLength += value.length;
  if (/\p{L}/u.test(value)) stats.withLetters++;
  if (/^[A-Z]{2}\d{2}(?: ?[A-Z0-9]){10,30}$/.test(value)) stats.ibanLike++;
  if (/^[A-Za-z]{3}$/.test(value) && isCurrencyCode(value.toUpperCase())) stats.isoCodes++;
  if (value.length <= 12 && markerDirection(value) !== undefined) bump(stats.markers, value);
  if (value.length <= 40 && isPendingCell(value)) stats.pending++;
  if (/\d/.test(value) && value.length <= 40) addDate(stats, value);
  return /\d/.test(value) && addAmount(stats, value);
}

/**
 * Counts over `rows` (all data rows, after the header). `presence` counts, per set of columns holding an
 * amount in the same row, how many rows had exactly that set: separate debit and credit columns show up
 * as two columns that are almost never filled together.
 */
export function columnStats(rows: Iterable<readonly string[]>): TableStats {
  const columns: ColumnStats[] = [];
  const presence = new Map<string, number>();
  let count = 0;
  for (const cells of rows) {
    if (cells.every((cell) => cell.trim() === "")) continue;
    count++;
    const withAmount: number[] = [];
    cells.forEach((cell, i) => {
      const stats = columns[i] ?? emptyStats();
      columns[i] = stats;
      if (addCell(stats, cell)) withAmount.push(i);
    });
    const signature = withAmount.join(",");
    if (presence.has(signature) || presence.size < MAX_SIGNATURES) bump(presence, signature);
  }
  for (let i = 0; i < columns.length; i++) columns[i] ??= emptyStats();
  return { rows: count, columns, presence };
}
