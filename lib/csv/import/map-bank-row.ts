import { currencyExponent, isCurrencyCode } from "../../money";
import { currencyOfToken } from "./currency-of-token";
import { categoryOf, finishExpense, rejected, skipped, type RowContext } from "./finish-row";
import type { BankImportSettings } from "./import-settings";
import { isDebitMarker } from "./marker-direction";
import { parseAmountCell, type AmountCell, type NumberFormat } from "./parse-amount-cell";
import { parseDate } from "./parse-date";
import type { FileRecord } from "./read-records";
import type { RowResult } from "./row-result";
import { isBalanceOrTotal, isPendingCell } from "./row-signal";

type Money = { cell: AmountCell; written: string; isMoneyIn: boolean };
type Reading = { kind: "money"; money: Money } | { kind: "none" } | { kind: "invalid"; reason: string };

const isZero = (decimal: string) => /^0+(?:\.0+)?$/.test(decimal);

function example(format: NumberFormat): string {
  return `${format.thousandsSeparator === "" ? "1234" : `1${format.thousandsSeparator}234`}${format.decimalSeparator}56`;
}

function readCell(text: string, format: NumberFormat): { cell: AmountCell } | { reason: string } {
  const cell = parseAmountCell(text, format);
  if (cell) return { cell };
  return { reason: /\d/.test(text) ? `The amount '${text}' is not a number written as ${example(format)}` : `The amount '${text}' is not a number` };
}

/** The row's amount and direction under the settings' sign convention (see SignConventionSchema). */
function readMoney(cell: (column: number | null) => string, settings: BankImportSettings): Reading {
  const { columns, signConvention } = settings;
  if (signConvention === "debitCreditColumns") {
    const sides = [
      { text: cell(columns.debit), isMoneyIn: false },
      { text: cell(columns.credit), isMoneyIn: true },
    ].filter((side) => side.text !== "");
    if (sides.length === 0) return { kind: "none" };
    let zero: Money | undefined;
    for (const side of sides) {
      const read = readCell(side.text, settings);
      if ("reason" in read) return { kind: "invalid", reason: read.reason };
      const money = { cell: read.cell, written: side.text, isMoneyIn: side.isMoneyIn };
      // Some banks write 0,00 on the unused side: the side with a size decides.
      if (!isZero(read.cell.decimal)) return { kind: "money", money };
      zero ??= money;
    }
    return zero ? { kind: "money", money: zero } : { kind: "none" };
  }
  const text = cell(columns.amount);
  if (text === "") return { kind: "none" };
  const read = readCell(text, settings);
  if ("reason" in read) return { kind: "invalid", reason: read.reason };
  const { isNegative, marker } = read.cell;
  let isMoneyIn: boolean;
  if (signConvention === "markerColumn") {
    const flag = cell(columns.marker);
    isMoneyIn = flag === "" ? !isNegative : !isDebitMarker(flag, settings.markerDebitValues);
  } else if (marker !== null) {
    isMoneyIn = marker === "CR";
  } else {
    isMoneyIn = signConvention === "negativeIsExpense" ? !isNegative : isNegative;
  }
  return { kind: "money", money: { cell: read.cell, written: text, isMoneyIn } };
}

/** Single line, at most `max` UTF-16 units (the schemas' limit), never half a surrogate pair. */
function cleanText(text: string, max: number): string {
  const single = text.replace(/[\p{Cc}\s]+/gu, " ").trim();
  if (single.length <= max) return single;
  const cut = /[\uD800-\uDBFF]/.test(single.charAt(max - 1)) ? max - 1 : max;
  return single.slice(0, cut).trimEnd();
}

/** "1444.00" JPY is 1444 yen exactly: zeros past the currency's decimals are dropped, anything else is refused. */
function fitDecimals(decimal: string, currency: string): string | undefined {
  const exponent = currencyExponent(currency);
  const [whole = "", fraction = ""] = decimal.split(".");
  if (fraction.length <= exponent) return decimal;
  if (!/^0*$/.test(fraction.slice(exponent))) return undefined;
  return exponent === 0 ? whole : `${whole}.${fraction.slice(0, exponent)}`;
}

/**
 * One data row of a bank export: an expense, or why it is skipped (empty, pending, balance/total, money in,
 * zero) or rejected (a wrong date, amount or currency), in words a person understands.
 */
export function mapBankRow(record: FileRecord, settings: BankImportSettings, context: RowContext): RowResult {
  const { line, cells } = record;
  const cell = (column: number | null) => (column === null ? "" : (cells[column] ?? "").trim());
  if (cells.every((value) => value.trim() === "")) return skipped(line, "Empty row");
  const dateText = cell(settings.columns.date);
  const date = parseDate(dateText, settings.dateFormat);
  const money = readMoney(cell, settings);
  if (!date.ok) {
    if (isPendingCell(dateText)) return skipped(line, "Pending — not booked yet");
    if (isBalanceOrTotal(cells, false)) return skipped(line, "Balance or total line — not a transaction");
    if (money.kind !== "money" && (dateText === "" || money.kind === "none")) return skipped(line, "Not a transaction: no date and no amount");
    if (dateText === "") return rejected(line, "The row has no date");
    if (date.reason === "not-real") return rejected(line, `The date '${dateText}' is not a real date`);
    return rejected(line, `The date '${dateText}' is not a date written as ${settings.dateFormat}`);
  }
  if (isBalanceOrTotal(cells, true)) return skipped(line, "Balance or total line — not a transaction");
  if (money.kind === "none") return rejected(line, "The row has no amount");
  if (money.kind === "invalid") return rejected(line, money.reason);
  const { cell: amount, written, isMoneyIn } = money.money;
  if (isZero(amount.decimal)) return skipped(line, "Zero amount — nothing was spent");
  if (isMoneyIn && settings.skipCredits) return skipped(line, "Credit (money in) — not a spending");
  const currencyText = cell(settings.columns.currency).toUpperCase();
  if (currencyText !== "" && !isCurrencyCode(currencyText)) return rejected(line, `The currency '${currencyText}' is not an ISO 4217 currency code`);
  const currency =
    currencyText || (amount.currencyToken === null ? undefined : currencyOfToken(amount.currencyToken, settings.defaultCurrency)) || settings.defaultCurrency;
  const decimal = fitDecimals(amount.decimal, currency);
  if (decimal === undefined) {
    const exponent = currencyExponent(currency);
    return rejected(line, `${currency} ${exponent === 0 ? "has no decimals" : `allows at most ${exponent} decimals`}: '${written}'`);
  }
  const merchant = cleanText(cell(settings.columns.merchant), 200);
  const input = {
    date: date.date,
    amount: decimal,
    currency,
    category: categoryOf(cell(settings.columns.category), context),
    description: cleanText(cell(settings.columns.description), 500),
    ...(merchant === "" ? {} : { merchant }),
  };
  return finishExpense(line, input, { date: dateText, amount: written, currency }, context);
}
