import { displayAmount, parseAmount } from "@/lib/money";

/** The browser's preferred locale (the page only renders these on the client). */
export function userLocale(): string | undefined {
  return typeof navigator === "undefined" ? undefined : navigator.language;
}

/** One formatter per locale: building an Intl.DateTimeFormat costs far more than formatting with it. */
const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** "2025-03-14" -> "14 Mar 2025" in en-GB. A calendar date has no time zone, so it is formatted as UTC midnight. */
export function formatCalendarDate(date: string, locale = userLocale()): string {
  const [year = 1970, month = 1, day = 1] = date.split("-").map(Number);
  const key = locale ?? "";
  let formatter = dateFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
    dateFormatters.set(key, formatter);
  }
  return formatter.format(new Date(Date.UTC(year, month - 1, day)));
}

/** "12.50" EUR -> "€12.50"; goes through minor units and Intl's exact decimal-string formatting, never a float. */
export function formatMoney(amount: string, currency: string, locale = userLocale()): string {
  return displayAmount(parseAmount(amount, currency), currency, locale);
}

/** Today's date where the user is, as YYYY-MM-DD (not UTC: just after midnight in Berlin it is already tomorrow). */
export function localToday(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
