import { isCurrencyCode } from "../../money";

/**
 * Currency symbols seen in amounts and the ISO codes each can mean, most likely first. "$", "¥" and "kr"
 * are shared by several currencies: the caller's preferred currency (the file's default, the user's own)
 * wins when it is one of them, otherwise the first is taken and detection reports the guess.
 */
const SYMBOLS: ReadonlyMap<string, readonly string[]> = new Map([
  ["€", ["EUR"]],
  ["£", ["GBP"]],
  ["$", ["USD", "CAD", "AUD", "NZD", "MXN", "SGD", "HKD", "ARS", "CLP", "COP"]],
  ["us$", ["USD"]],
  ["a$", ["AUD"]],
  ["au$", ["AUD"]],
  ["c$", ["CAD"]],
  ["ca$", ["CAD"]],
  ["nz$", ["NZD"]],
  ["hk$", ["HKD"]],
  ["s$", ["SGD"]],
  ["r$", ["BRL"]],
  ["¥", ["JPY", "CNY"]],
  ["jp¥", ["JPY"]],
  ["cn¥", ["CNY"]],
  ["₹", ["INR"]],
  ["₩", ["KRW"]],
  ["₽", ["RUB"]],
  ["₺", ["TRY"]],
  ["₪", ["ILS"]],
  ["₫", ["VND"]],
  ["₱", ["PHP"]],
  ["₴", ["UAH"]],
  ["₦", ["NGN"]],
  ["฿", ["THB"]],
  ["zł", ["PLN"]],
  ["kč", ["CZK"]],
  ["kr", ["SEK", "NOK", "DKK", "ISK"]],
  ["fr", ["CHF"]],
  ["ft", ["HUF"]],
  ["lei", ["RON"]],
]);

/** The regex alternation of every symbol above (longest first) plus three-letter codes, for amount parsing. */
export const CURRENCY_TOKEN_SOURCE = [...SYMBOLS.keys()]
  .sort((a, b) => b.length - a.length)
  .map((symbol) => symbol.replace(/[$.]/g, "\\$&"))
  .concat("[A-Z]{3}")
  .join("|");

/** Candidate ISO codes of a symbol or code as written in an amount ("€", "US$", "EUR"); empty when unknown. */
export function currencyCandidates(token: string): readonly string[] {
  const trimmed = token.trim().replace(/\.$/, "");
  const symbol = SYMBOLS.get(trimmed.toLowerCase());
  if (symbol) return symbol;
  const code = trimmed.toUpperCase();
  return /^[A-Z]{3}$/.test(code) && isCurrencyCode(code) ? [code] : [];
}

/** The ISO code `token` stands for: `preferred` if it is one of the candidates, else the likeliest one. */
export function currencyOfToken(token: string, preferred: string): string | undefined {
  const candidates = currencyCandidates(token);
  return candidates.includes(preferred) ? preferred : candidates[0];
}
