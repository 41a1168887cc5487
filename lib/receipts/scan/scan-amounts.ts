/**
 * Amounts as receipts print them, read into minor units of a currency: US/UK "1,234.56", European
 * "1.234,56" and "12,50", Swiss "1'234.50", French "1 234,56", German "12,-", yen without decimals
 * ("¥1,280", "1280円"). Every amount goes through lib/money.ts parseAmount, exactly like a typed one: what it
 * refuses (zero, too many decimals, >= 10^12 minor units) is no amount.
 */
import { currencyExponent, parseAmount } from "../../money";
import { repairNumbers } from "./ocr-text";
import { hasCurrencyMarkAround } from "./scan-currency";

export type AmountToken = {
  /** Minor units of the currency the line was read in. */
  minor: bigint;
  /** A currency symbol or code stands right next to it ("$12.50", "12,50 EUR"). */
  hasCurrencyMark: boolean;
  /** OCR misreads were repaired to read it ("1O.5O", "12 . 50"). */
  isRepaired: boolean;
  /** Printed with fewer decimals than the currency has ("12.5"): read, but less sure. */
  isShort: boolean;
};

/** A run of digits and separators; what surrounds it decides whether it is an amount at all. */
const NUMBER_RUN = /\d[\d.,']*/g;

/** Integer digits beyond this are card numbers, barcodes and ids, not money. */
const MAX_INTEGER_DIGITS = 10;

/** The receipt's decimal separator, when its amounts show one: "." in "12.50", "," in "12,50". */
export type DecimalSeparator = "." | ",";

export function decimalSeparatorOf(lines: readonly string[]): DecimalSeparator | undefined {
  const text = lines.join("\n");
  const points = (text.match(/\d\.\d{2}(?![\d.,])/g) ?? []).length;
  const commas = (text.match(/\d,\d{2}(?![\d.,])/g) ?? []).length;
  return points > commas ? "." : commas > points ? "," : undefined;
}

/**
 * The decimal string of a number run for a currency with `exponent` decimals, or undefined. With both
 * kinds of separator, the last one is the decimal separator. A single separator followed by exactly three
 * digits is the receipt's decimal separator when it uses that one ("571.160" on a receipt of "12.60"s is a
 * misread, refused for lack of a third decimal), else a thousands separator ("1,280", "1.234"), unless the
 * currency has three decimals.
 */
export function decimalOf(run: string, exponent: number, convention?: DecimalSeparator): { decimal: string; fraction: number } | undefined {
  const separators = [...run.matchAll(/[.,']/g)].map((m) => ({ char: m[0], at: m.index }));
  const last = separators[separators.length - 1];
  if (!last) return { decimal: run, fraction: 0 };
  const trailing = run.length - last.at - 1;
  const kinds = new Set(separators.map((s) => s.char));
  const lastIsDecimal =
    last.char !== "'" &&
    trailing > 0 &&
    trailing <= 3 &&
    (kinds.size > 1 || separators.length === 1) &&
    !(trailing === 3 && exponent !== 3 && separators.length === 1 && last.at <= 3 && convention !== last.char);
  const integerPart = lastIsDecimal ? run.slice(0, last.at) : run;
  const groups = integerPart.split(/[.,']/);
  // Thousands groups are three digits each after the first (1 to 3): "12,34,5" is no number.
  if (groups.length > 1 && (!/^\d{1,3}$/.test(groups[0] ?? "") || groups.slice(1).some((g) => !/^\d{3}$/.test(g)))) return undefined;
  const whole = groups.join("");
  if (whole.length > MAX_INTEGER_DIGITS) return undefined;
  return lastIsDecimal ? { decimal: `${whole}.${run.slice(last.at + 1)}`, fraction: trailing } : { decimal: whole, fraction: 0 };
}

/** French and Swiss thousands spaces: "1 234,56" -> "1234,56" (only before a decimal comma, so "2 12.50" stays two numbers). */
function joinSpacedThousands(line: string): string {
  return line.replace(/(?<![\d.,])\d{1,3}(?: \d{3})+(?=,\d{2}(?!\d))/g, (run) => run.replace(/ /g, ""));
}

/**
 * The amounts in one line, in the currency given. Dates, times, percentages, ids (#123), negative amounts
 * (discounts, refunds: "-2.00", "2,00-") and bare integers (quantities, counts) are left out — except that
 * a currency without decimals (JPY) or a currency mark next to it makes an integer an amount.
 */
export function findAmounts(line: string, currency: string, convention?: DecimalSeparator): AmountToken[] {
  const exponent = currencyExponent(currency);
  const { text: repaired, isRepaired } = repairNumbers(line);
  const text = joinSpacedThousands(repaired.replace(/(\d)[.,]-(?!\d)/g, "$1.00"));
  const tokens: AmountToken[] = [];
  for (const match of text.matchAll(NUMBER_RUN)) {
    const run = match[0].replace(/[.,']+$/, "");
    const start = match.index;
    const end = start + run.length;
    const before = text.slice(Math.max(0, start - 5), start);
    const after = text.slice(end, end + 5);
    const hasCurrencyMark = hasCurrencyMarkAround(before, after);
    // Dates and times ("12/07", "12:22"), ids ("#2034"), percentages ("19 %").
    if (/\d[/:.]$|#\s?$/.test(before) || /^(?:[/:]\d|\s?%)/.test(after)) continue;
    // Negative amounts: "-2.00", "-€2.00", "2.00-" (a spaced "TOTAL - 12.50" is a dash, not a sign).
    if (/^-/.test(after) || /-(?:[€£$¥]|[A-Z]{3} ?)?$/.test(before)) continue;
    // Glued to a word ("A12", "x2"), unless that word is a currency ("EUR12,50").
    if (/[A-Za-z]$/.test(before) && !hasCurrencyMark) continue;
    const read = decimalOf(run, exponent, convention);
    if (!read) continue;
    if (read.fraction === 0 && exponent > 0 && !hasCurrencyMark) continue;
    const minor = toMinor(read.decimal, read.fraction, currency, exponent);
    if (minor === undefined) continue;
    tokens.push({ minor, hasCurrencyMark, isRepaired, isShort: read.fraction > 0 && read.fraction < exponent });
  }
  return tokens;
}

/** Yen printed as "1,280.00" keeps its value; any other surplus of decimals is refused by parseAmount. */
function toMinor(decimal: string, fraction: number, currency: string, exponent: number): bigint | undefined {
  const text = exponent === 0 && /\.0+$/.test(decimal) ? decimal.replace(/\.0+$/, "") : decimal;
  try {
    return parseAmount(text, currency);
  } catch {
    return undefined;
  }
}

/** Reads one amount text as Textract returns it ("$1,810.46", "12,50 €"): the largest amount in it. */
export function amountOfText(text: string, currency: string): AmountToken | undefined {
  return findAmounts(text, currency).reduce<AmountToken | undefined>((best, token) => (!best || token.minor > best.minor ? token : best), undefined);
}
