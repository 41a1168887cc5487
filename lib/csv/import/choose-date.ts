import { ValidationError } from "../../errors";
import type { ColumnStats, TableStats } from "./column-stats";
import { namedRank, share, type Ambiguity, type Roles } from "./detection-types";
import type { DateFormat } from "./import-settings";

const bestCount = (stats: ColumnStats) => Math.max(0, ...stats.dateValid.values());

/** Formats that read the same text with day and month swapped. */
const SWAPPED: readonly (readonly [DateFormat, DateFormat])[] = [
  ["DD/MM/YYYY", "MM/DD/YYYY"],
  ["DD-MM-YYYY", "MM-DD-YYYY"],
];

/**
 * The date column and its format, from every data row. The column: at least half of its cells are dates
 * ("Pending" rows may fill the rest); a transaction-date name beats a booking date beats a value date, then
 * the leftmost. The format: the one most cells read as. For D/M vs M/D all rows decide — a first part above
 * 12 anywhere makes it DD/MM, a second part above 12 MM/DD; when every row fits both, the locale hint
 * decides (`dayFirst`) and the result carries a dateFormat ambiguity so the preview can ask.
 */
export function chooseDate(table: TableStats, roles: Roles, dayFirst: boolean): { column: number; format: DateFormat; validCount: number; ambiguities: Ambiguity[] } {
  const chosen = table.columns
    .map((stats, column) => ({ column, stats, share: share(bestCount(stats), stats.nonEmpty), rank: namedRank(roles, column, "date") }))
    .filter((c) => c.share >= 0.5)
    .sort((a, b) => a.rank - b.rank || b.share - a.share || a.column - b.column)[0];
  if (!chosen) throw new ValidationError([{ path: "columns.date", message: "no column holds dates" }]);
  const { dateValid, firstOver12, secondOver12 } = chosen.stats;
  let format: DateFormat = [...dateValid.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "YYYY-MM-DD";
  const ambiguities: Ambiguity[] = [];
  for (const [dayFormat, monthFormat] of SWAPPED) {
    if (format !== dayFormat && format !== monthFormat) continue;
    const [dayCount, monthCount] = [dateValid.get(dayFormat) ?? 0, dateValid.get(monthFormat) ?? 0];
    if (dayCount === monthCount) format = dayFirst ? dayFormat : monthFormat;
    const other = format === dayFormat ? monthFormat : dayFormat;
    if (dayCount === monthCount) {
      ambiguities.push({ field: "dateFormat", message: `Every date reads both as ${format} and as ${other}; ${format} follows your locale`, options: [format, other] });
    } else if (firstOver12 && secondOver12) {
      ambiguities.push({ field: "dateFormat", message: `Some dates only read as ${dayFormat}, others only as ${monthFormat}`, options: [format, other] });
    }
  }
  return { column: chosen.column, format, validCount: dateValid.get(format) ?? 0, ambiguities };
}
