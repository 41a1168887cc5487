import type { ColumnStats } from "./column-stats";
import { namedRank, pickColumn, share, type Roles } from "./detection-types";

/** Words, not IBANs, currency codes or markers. */
function isText(stats: ColumnStats): boolean {
  return (
    stats.nonEmpty > 0 &&
    share(stats.withLetters, stats.nonEmpty) >= 0.5 &&
    share(stats.ibanLike, stats.nonEmpty) < 0.5 &&
    share(stats.isoCodes, stats.nonEmpty) < 0.5
  );
}

/** One value on every row is the account holder's own name (some German exports have a column for it). */
const isConstant = (stats: ColumnStats) => stats.nonEmpty >= 3 && stats.distinct.size === 1;

const averageLength = (stats: ColumnStats) => share(stats.totalLength, stats.nonEmpty);

/**
 * Description, merchant and category columns. By name: payee/counterparty/Empfänger/Naam -> merchant;
 * purpose/memo/Verwendungszweck/Omschrijving -> description (a posting type like "Buchungstext" only when
 * nothing better exists); Kategorie -> category. With no description name, the free text column with the
 * longest values is the description. A lone text column is the description and the merchant stays empty.
 */
export function pickTextColumns(
  columns: readonly ColumnStats[],
  roles: Roles,
  taken: ReadonlySet<number>,
): { description: number | null; merchant: number | null; category: number | null } {
  const used = new Set(taken);
  const category = pickColumn(columns, roles, used, "category", (stats) => stats.nonEmpty === 0 || isText(stats), true);
  if (category !== null) used.add(category);
  let merchant = pickColumn(columns, roles, used, "merchant", (stats) => isText(stats) && !isConstant(stats), true);
  if (merchant !== null) used.add(merchant);
  const textColumn = (stats: ColumnStats) => isText(stats) && !isConstant(stats);
  let description = pickColumn(columns, roles, used, "description", textColumn, true);
  if (description !== null && namedRank(roles, description, "description") > 0) {
    // A posting type ("Lastschrift", "Card payment") is a last resort: prefer a real free-text column.
    const free = columns
      .map((stats, column) => ({ stats, column }))
      .filter(({ stats, column }) => !used.has(column) && (roles[column] ?? []).length === 0 && textColumn(stats) && stats.distinct.size > 3)
      .sort((a, b) => averageLength(b.stats) - averageLength(a.stats) || a.column - b.column)[0];
    if (free) description = free.column;
  } else if (description === null) {
    const free = columns
      .map((stats, column) => ({ stats, column }))
      .filter(({ stats, column }) => !used.has(column) && (roles[column] ?? []).length === 0 && textColumn(stats))
      .sort((a, b) => averageLength(b.stats) - averageLength(a.stats) || a.column - b.column)[0];
    description = free?.column ?? null;
  }
  if (description === null && merchant !== null) [description, merchant] = [merchant, null];
  return { description, merchant, category };
}
