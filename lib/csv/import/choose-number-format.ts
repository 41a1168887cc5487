import type { ColumnStats } from "./column-stats";
import type { Ambiguity } from "./detection-types";
import type { DecimalSeparator, Delimiter, ThousandsSeparator } from "./import-settings";
import { CANDIDATE_FORMATS, type NumberFormat } from "./parse-amount-cell";

const sum = (columns: readonly ColumnStats[], pick: (stats: ColumnStats) => number) => columns.reduce((total, stats) => total + pick(stats), 0);

/**
 * Decimal comma or point, from every amount cell: a cell only one convention reads ("12,50", "1,280.80",
 * "1.444,00") is a vote. With no votes, cells like "1.234" are thousands groups (three decimals are rarer
 * than a thousand), so the other character is the decimal; with none of those either, a `;` delimiter
 * (spreadsheets use it where the comma is the decimal) or the locale hint decides. The thousands separator
 * is the grouping character the chosen reading saw most.
 */
export function chooseNumberFormat(
  columns: readonly ColumnStats[],
  hints: { delimiter: Delimiter; localeDecimal: DecimalSeparator | undefined },
): NumberFormat & { ambiguities: Ambiguity[] } {
  const ambiguities: Ambiguity[] = [];
  const [comma, point] = [sum(columns, (s) => s.onlyComma), sum(columns, (s) => s.onlyPoint)];
  const [threePoint, threeComma] = [sum(columns, (s) => s.threeDigitPoint), sum(columns, (s) => s.threeDigitComma)];
  let decimal: DecimalSeparator;
  if (comma !== point) decimal = comma > point ? "," : ".";
  else if (threePoint > 0 && threeComma === 0) decimal = ",";
  else if (threeComma > 0 && threePoint === 0) decimal = ".";
  else {
    decimal = hints.delimiter === ";" ? "," : (hints.localeDecimal ?? ".");
    if (threePoint + threeComma > 0 || comma > 0) {
      const other = decimal === "," ? "." : ",";
      ambiguities.push({ field: "decimalSeparator", message: `Amounts read with either decimal separator; "${decimal}" was chosen`, options: [decimal, other] });
    }
  }
  const index = CANDIDATE_FORMATS.findIndex((format) => format.decimalSeparator === decimal);
  const grouping = new Map<string, number>();
  for (const stats of columns) {
    for (const [separator, count] of stats.byFormat[index]?.grouping ?? []) grouping.set(separator, (grouping.get(separator) ?? 0) + count);
  }
  const [top] = [...grouping.entries()].sort((a, b) => b[1] - a[1]);
  const seen = top?.[0];
  const thousands: ThousandsSeparator = seen === "." || seen === "," || seen === " " || seen === "'" ? seen : "";
  return { decimalSeparator: decimal, thousandsSeparator: thousands, ambiguities };
}
