/**
 * How a summary's date range splits into what the aggregates can answer and what they cannot. An aggregate
 * item holds a whole month, so only months the range covers from their 1st to their last day are read from
 * it; the (at most two) months the range cuts are summed from their expense items. Pure calendar arithmetic
 * on YYYY-MM-DD / YYYY-MM strings: no Date, so no time zone can move a day.
 */

export type DateRange = { from: string; to: string };

/** What to read for a range: whole months (inclusive YYYY-MM bounds) and partial months (inclusive dates). */
export type SummaryPlan = { wholeMonths?: DateRange; partialRanges: DateRange[] };

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month given as YYYY-MM. */
export function daysInMonth(month: string): number {
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7)) - 1;
  return index === 1 && isLeapYear(year) ? 29 : (DAYS[index] ?? 31);
}

/** Months since year 0 (2025-01 -> 2025 * 12): months compare and step as plain integers. */
export function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

function monthAt(index: number): string {
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

export const addMonths = (month: string, count: number): string => monthAt(monthIndex(month) + count);
export const firstDayOf = (month: string): string => `${month}-01`;
export const lastDayOf = (month: string): string => `${month}-${String(daysInMonth(month)).padStart(2, "0")}`;

/** Months from..to touches, both counted (2025-01-31..2025-02-01 touches 2). */
export function monthsTouched({ from, to }: DateRange): number {
  return monthIndex(to.slice(0, 7)) - monthIndex(from.slice(0, 7)) + 1;
}

/**
 * Splits an inclusive date range (from <= to, both real dates): the from-month is partial unless `from` is
 * its 1st, the to-month unless `to` is its last day; a range inside one month is one partial range (or that
 * whole month). Every day of the range is in exactly one part, and partial ranges never leave their month.
 */
export function summaryPlan({ from, to }: DateRange): SummaryPlan {
  const fromMonth = from.slice(0, 7);
  const toMonth = to.slice(0, 7);
  const startsWhole = from === firstDayOf(fromMonth);
  const endsWhole = to === lastDayOf(toMonth);
  if (fromMonth === toMonth) {
    return startsWhole && endsWhole ? { wholeMonths: { from: fromMonth, to: toMonth }, partialRanges: [] } : { partialRanges: [{ from, to }] };
  }
  const partialRanges: DateRange[] = [];
  if (!startsWhole) partialRanges.push({ from, to: lastDayOf(fromMonth) });
  if (!endsWhole) partialRanges.push({ from: firstDayOf(toMonth), to });
  const low = startsWhole ? fromMonth : addMonths(fromMonth, 1);
  const high = endsWhole ? toMonth : addMonths(toMonth, -1);
  return monthIndex(low) <= monthIndex(high) ? { wholeMonths: { from: low, to: high }, partialRanges } : { partialRanges };
}
