import type { ColumnStats } from "./column-stats";
import { currencyCandidates } from "./currency-of-token";
import type { Ambiguity } from "./detection-types";
import { headerCurrency } from "./header-role";

/** Where a "$", "¥" or "kr" most likely belongs when the user's own currency is none of its candidates. */
const REGION_CURRENCY: Readonly<Record<string, string>> = {
  US: "USD",
  CA: "CAD",
  AU: "AUD",
  NZ: "NZD",
  MX: "MXN",
  SG: "SGD",
  HK: "HKD",
  AR: "ARS",
  CL: "CLP",
  CO: "COP",
  JP: "JPY",
  CN: "CNY",
  SE: "SEK",
  NO: "NOK",
  DK: "DKK",
  IS: "ISK",
};

/**
 * The file's currency for rows without a currency cell: named in an amount header ("Betrag (EUR)"), else
 * the symbol or code most amounts carry ("£1,183.23", "12,50 EUR"), else the user's default. A shared
 * symbol ("$") becomes the user's currency if it is one of its candidates, else the locale's region's,
 * else the likeliest (USD) — and the guess is reported.
 */
export function chooseCurrency(
  amountHeaders: readonly string[],
  amountColumns: readonly ColumnStats[],
  hints: { defaultCurrency: string; region: string | undefined },
): { currency: string; ambiguities: Ambiguity[] } {
  for (const name of amountHeaders) {
    const named = headerCurrency(name);
    if (named !== undefined) return { currency: named, ambiguities: [] };
  }
  const tokens = new Map<string, number>();
  for (const stats of amountColumns) for (const [token, count] of stats.currencyTokens) tokens.set(token, (tokens.get(token) ?? 0) + count);
  const [top] = [...tokens.entries()].sort((a, b) => b[1] - a[1]);
  if (!top) return { currency: hints.defaultCurrency, ambiguities: [] };
  const candidates = currencyCandidates(top[0]);
  if (candidates.includes(hints.defaultCurrency)) return { currency: hints.defaultCurrency, ambiguities: [] };
  const regional = hints.region === undefined ? undefined : REGION_CURRENCY[hints.region];
  const currency = (regional !== undefined && candidates.includes(regional) ? regional : candidates[0]) ?? hints.defaultCurrency;
  if (candidates.length <= 1) return { currency, ambiguities: [] };
  return {
    currency,
    ambiguities: [{ field: "defaultCurrency", message: `"${top[0]}" is used by several currencies; ${currency} was chosen`, options: [currency, ...candidates.filter((c) => c !== currency)] }],
  };
}
