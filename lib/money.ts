import { CURRENCY_EXPONENTS } from "./currency-exponents";
import { ValidationError } from "./errors";

/**
 * Money is an integer count of minor units (cents, fils, yen) with its ISO 4217 currency. Amounts cross the
 * API as decimal strings and are converted here with string/bigint arithmetic only: no floating point ever
 * touches an amount, so "0.10" + "0.20" is exactly 30 minor units.
 */
export type Money = { minor: bigint; currency: string };

/** Amounts must be > 0 and < 10^12 minor units (DESIGN "HTTP API"); the bound keeps sums of a month exact. */
export const MAX_MINOR_UNITS = 10n ** 12n - 1n;

const KNOWN = new Map(Object.entries(CURRENCY_EXPONENTS));

/** A currency new amounts may be recorded in (the pinned table, lib/currency-exponents.ts). */
export function isCurrencyCode(code: string): boolean {
  return KNOWN.has(code);
}

export function supportedCurrencies(): string[] {
  return [...KNOWN.keys()];
}

/** Number of decimals of a currency's minor unit: JPY 0, EUR 2, KWD 3. Unknown codes are the field's error. */
export function currencyExponent(currency: string): number {
  const exponent = KNOWN.get(currency);
  if (exponent === undefined) throw new ValidationError([{ path: "currency", message: `${currency} is not an ISO 4217 currency code` }]);
  return exponent;
}

/**
 * The decimals to read a *stored* amount with. Never throws: an amount whose currency this table does not
 * know (written by another version) still reads, with ISO 4217's usual 2 decimals, instead of failing a list.
 */
function storedExponent(currency: string): number {
  return KNOWN.get(currency) ?? 2;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * Parses a positive decimal string ("12.34") into minor units of `currency`. Rejects (422 naming `field`)
 * anything but plain digits with an optional point: signs, exponents, NaN, spaces, more decimals than the
 * currency has (even trailing zeros: "12.340" EUR is a client bug worth surfacing), zero and >= 10^12 units.
 */
export function parseAmount(text: string, currency: string, field = "amount"): bigint {
  const fail = (message: string): never => {
    throw new ValidationError([{ path: field, message }]);
  };
  const exponent = currencyExponent(currency);
  const match = DECIMAL.exec(text);
  if (!match) return fail('must be a decimal string such as "12.34" (digits and an optional point)');
  const [, whole = "", fraction = ""] = match;
  if (fraction.length > exponent) {
    return fail(exponent === 0 ? `${currency} has no decimals` : `${currency} allows at most ${exponent} decimals`);
  }
  // Length check first so a 10,000-digit string never becomes a huge bigint.
  if (whole.replace(/^0+/, "").length + exponent > 13) return fail(`must be less than ${formatAmount(MAX_MINOR_UNITS + 1n, currency)} ${currency}`);
  const minor = BigInt(whole + fraction.padEnd(exponent, "0"));
  if (minor <= 0n) return fail("must be greater than 0");
  if (minor > MAX_MINOR_UNITS) return fail(`must be less than ${formatAmount(MAX_MINOR_UNITS + 1n, currency)} ${currency}`);
  return minor;
}

/** Formats minor units as the API's decimal string with exactly the currency's decimals ("12.30", "1200"). */
export function formatAmount(minor: bigint, currency: string): string {
  const exponent = storedExponent(currency);
  const sign = minor < 0n ? "-" : "";
  const digits = (minor < 0n ? -minor : minor).toString().padStart(exponent + 1, "0");
  if (exponent === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** Building an Intl.NumberFormat costs far more than formatting with one, and a list shows hundreds of amounts. */
const displayFormatters = new Map<string, Intl.NumberFormat>();

/**
 * Human display ("€1,234.50", "1.234,50 €") for a locale. Intl formats the decimal *string* exactly
 * (ES2023 Intl.NumberFormat v3), so large amounts never pass through a double.
 */
export function displayAmount(minor: bigint, currency: string, locale = "en"): string {
  const key = `${locale}|${currency}`;
  let formatter = displayFormatters.get(key);
  if (!formatter) {
    // The decimals are the table's, not ICU's, so what is shown is exactly what is stored.
    const digits = storedExponent(currency);
    formatter = new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
    displayFormatters.set(key, formatter);
  }
  // The string overload is standard since ES2023; TypeScript's lib types only declare number | bigint.
  const format = formatter.format as (value: number | bigint | string) => string;
  return format(formatAmount(minor, currency));
}
