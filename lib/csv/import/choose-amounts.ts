import { ValidationError } from "../../errors";
import type { ColumnStats, TableStats } from "./column-stats";
import { namedRank, pickColumn, share, type Ambiguity, type Roles } from "./detection-types";
import type { SignConvention } from "./import-settings";
import { debitPartner, markerDirection } from "./marker-direction";

export type AmountChoice = {
  amount: number | null;
  debit: number | null;
  credit: number | null;
  marker: number | null;
  currency: number | null;
  signConvention: SignConvention;
  markerDebitValues: string[];
  ambiguities: Ambiguity[];
};

/** Mostly amounts, and money-like (decimals, signs or symbols) unless named: account numbers are not amounts. */
function isAmountColumn(stats: ColumnStats, isNamed: boolean): boolean {
  if (stats.nonEmpty === 0) return isNamed;
  if (share(stats.amountLike, stats.nonEmpty) < 0.8 || stats.longInteger === stats.amountLike) return false;
  return isNamed || stats.withFraction > 0 || stats.negative > 0 || stats.currencyTokens.size > 0;
}

const isCurrencyColumn = (stats: ColumnStats) => stats.nonEmpty > 0 && share(stats.isoCodes, stats.nonEmpty) >= 0.9;

function isMarkerColumn(stats: ColumnStats): boolean {
  const markerCells = [...stats.markers.values()].reduce((sum, n) => sum + n, 0);
  return stats.nonEmpty > 0 && stats.markers.size <= 6 && share(markerCells, stats.nonEmpty) >= 0.9;
}

/** Share of rows with an amount in exactly one of a and b, among rows with an amount in either. */
function complementarity(table: TableStats, a: number, b: number): number {
  let one = 0;
  let either = 0;
  for (const [signature, count] of table.presence) {
    const present = new Set(signature.split(","));
    const [hasA, hasB] = [present.has(String(a)), present.has(String(b))];
    if (hasA || hasB) either += count;
    if (hasA !== hasB) one += count;
  }
  return share(one, either);
}

type Columns = Pick<AmountChoice, "amount" | "debit" | "credit">;

function amountColumns(table: TableStats, roles: Roles, taken: ReadonlySet<number>, ambiguities: Ambiguity[]): Columns {
  const named = (role: "amount" | "debit" | "credit") => pickColumn(table.columns, roles, taken, role, isAmountColumn, true);
  const [debit, credit, amount] = [named("debit"), named("credit"), named("amount")];
  if (debit !== null && credit !== null) return { amount: null, debit, credit };
  if (amount !== null) return { amount, debit: null, credit: null };
  const unnamed = table.columns
    .map((stats, column) => ({ stats, column }))
    .filter(({ stats, column }) => !taken.has(column) && namedRank(roles, column, "balance") === 99 && isAmountColumn(stats, false));
  const [first, second] = unnamed;
  if (!first) {
    const only = debit ?? credit;
    if (only !== null) return { amount: only, debit: null, credit: null };
    throw new ValidationError([{ path: "columns.amount", message: "no column holds amounts" }]);
  }
  if (!second) return { amount: first.column, debit: null, credit: null };
  for (const a of unnamed) {
    for (const b of unnamed) {
      if (b.column <= a.column || complementarity(table, a.column, b.column) < 0.9) continue;
      ambiguities.push({
        field: "columns.debit",
        message: "Two amount columns are never filled together: the first is taken as money out, the second as money in",
        options: [String(a.column), String(b.column)],
      });
      return { amount: null, debit: a.column, credit: b.column };
    }
  }
  const chosen = unnamed.find(({ stats }) => stats.negative > 0) ?? first;
  ambiguities.push({
    field: "columns.amount",
    message: "Several columns hold amounts; check which one is the transaction's",
    options: [chosen, ...unnamed.filter((c) => c !== chosen)].map(({ column }) => String(column)),
  });
  return { amount: chosen.column, debit: null, credit: null };
}

function markerDebitValues(stats: ColumnStats): string[] {
  const seen = [...stats.markers.entries()].sort((a, b) => b[1] - a[1]).map(([value]) => value);
  const debits = seen.filter((value) => markerDirection(value) === "debit");
  if (debits.length > 0) return debits;
  // Every row is money in: name the partner spelling so a later money-out row would still read right.
  return seen.flatMap((value) => debitPartner(value) ?? []).slice(0, 1);
}

/**
 * Amount columns and the sign convention, from content first and names second. Separate debit and credit
 * columns (by name, or two amount columns never filled in the same row); else one amount column, read with
 * a marker column (S/H, Af/Bij, DR/CR, ...) when its amounts carry no signs; else by its signs: mostly
 * negative means negative = money out (bank accounts); no minus at all, or a few minuses among many
 * positives, means positive = money out (credit cards, CR-marked statements). Guesses are reported.
 */
export function chooseAmounts(table: TableStats, roles: Roles, dateColumn: number): AmountChoice {
  const ambiguities: Ambiguity[] = [];
  const taken = new Set([dateColumn]);
  const currency = pickColumn(table.columns, roles, taken, "currency", isCurrencyColumn);
  if (currency !== null) taken.add(currency);
  const marker = pickColumn(table.columns, roles, taken, "marker", (stats) => isMarkerColumn(stats));
  const withoutMarker = new Set([...taken, ...(marker === null ? [] : [marker])]);
  const columns = amountColumns(table, roles, withoutMarker, ambiguities);
  const base: Omit<AmountChoice, "signConvention"> = { ...columns, currency, marker: null, markerDebitValues: [], ambiguities };
  if (columns.amount === null) return { ...base, signConvention: "debitCreditColumns" };
  const stats = table.columns[columns.amount];
  const amounts = stats?.amountLike ?? 0;
  const negatives = stats?.negative ?? 0;
  const markerStats = marker === null ? undefined : table.columns[marker];
  if (marker !== null && markerStats && share(negatives, amounts) < 0.05) {
    return { ...base, marker, markerDebitValues: markerDebitValues(markerStats), signConvention: "markerColumn" };
  }
  if (negatives === 0 || (share(negatives, amounts) < 0.25 && amounts >= 5)) {
    if (negatives > 0 || (stats?.creditMarked ?? 0) === 0) {
      ambiguities.push({
        field: "signConvention",
        message: negatives === 0 ? "No amount has a minus sign: every row is taken as money out unless marked CR" : "Most amounts are positive: they are taken as money out (a credit card statement)",
        options: ["positiveIsExpense", "negativeIsExpense"],
      });
    }
    return { ...base, signConvention: "positiveIsExpense" };
  }
  if (share(negatives, amounts) < 0.5) {
    ambiguities.push({ field: "signConvention", message: "Negative amounts are taken as money out", options: ["negativeIsExpense", "positiveIsExpense"] });
  }
  return { ...base, signConvention: "negativeIsExpense" };
}
