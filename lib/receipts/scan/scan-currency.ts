/**
 * The currency of a receipt, from what is printed next to its amounts: a symbol (€, £, ¥, 円, zł, kr…) or an
 * ISO code ("SUMME EUR 23,80", "12.50 CHF"). "$" alone is read as the user's default currency when that is
 * a dollar, else USD, with less certainty either way; "kr" and "¥" likewise (SEK, JPY). Nothing found -> undefined, and the
 * caller's default currency applies.
 *
 * Confidence: the strongest evidence for the winner — a code or unambiguous symbol on a total line 0.95/0.9,
 * elsewhere 0.85/0.8, "$" 0.65/0.6 (the user's own dollar if the default is one, else USD), "kr" 0.45, only a language hint (MwSt, TVA, 合計…) 0.35 — scaled down by
 * 0.7 when another currency has at least half the winner's weight of evidence.
 */
import { isCurrencyCode } from "../../money";

type Symbol = { pattern: RegExp; code: string; strength: number; family?: readonly string[] };

/** "$", "kr" and "¥" are printed for several currencies: a code of the family on the receipt decides. */
const DOLLARS = ["USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN", "TWD"] as const;
const KRONOR = ["SEK", "NOK", "DKK", "ISK"] as const;
const YEN_YUAN = ["JPY", "CNY"] as const;

/** Longest first: "R$" and "CA$" before "$". */
const SYMBOLS: readonly Symbol[] = [
  { pattern: /R\$/g, code: "BRL", strength: 0.8 },
  { pattern: /(?:CA|C)\$/g, code: "CAD", strength: 0.8 },
  { pattern: /(?:AU|A)\$/g, code: "AUD", strength: 0.8 },
  { pattern: /NZ\$/g, code: "NZD", strength: 0.8 },
  { pattern: /HK\$/g, code: "HKD", strength: 0.8 },
  { pattern: /S\$/g, code: "SGD", strength: 0.8 },
  { pattern: /MX\$/g, code: "MXN", strength: 0.8 },
  { pattern: /€/g, code: "EUR", strength: 0.8 },
  { pattern: /£/g, code: "GBP", strength: 0.8 },
  { pattern: /円/g, code: "JPY", strength: 0.8 },
  { pattern: /¥/g, code: "JPY", strength: 0.8, family: YEN_YUAN },
  { pattern: /元/g, code: "CNY", strength: 0.8 },
  { pattern: /₹/g, code: "INR", strength: 0.8 },
  { pattern: /₩/g, code: "KRW", strength: 0.8 },
  { pattern: /₽/g, code: "RUB", strength: 0.8 },
  { pattern: /₺/g, code: "TRY", strength: 0.8 },
  { pattern: /₪/g, code: "ILS", strength: 0.8 },
  { pattern: /₫/g, code: "VND", strength: 0.8 },
  { pattern: /฿/g, code: "THB", strength: 0.8 },
  { pattern: /₱/g, code: "PHP", strength: 0.8 },
  { pattern: /zł/gi, code: "PLN", strength: 0.8 },
  { pattern: /Kč/g, code: "CZK", strength: 0.8 },
  { pattern: /(?<=\d\s?)Ft\b/g, code: "HUF", strength: 0.7 },
  { pattern: /(?<![A-Za-z])Fr\.(?=\s?\d)/g, code: "CHF", strength: 0.7 },
  { pattern: /\$/g, code: "USD", strength: 0.6, family: DOLLARS },
  { pattern: /(?<![A-Za-z])kr\.?(?![A-Za-z])/gi, code: "SEK", strength: 0.45, family: KRONOR },
];

/** Three-letter words that are ISO codes but also ordinary words or abbreviations on receipts. */
const NOT_CURRENCIES = new Set(["ALL", "TOP", "CUP", "PEN", "GEL", "MOP", "SOS", "MAD", "BAM", "LAK", "BOB", "AMD", "ANG", "BIF", "GYD", "CHE", "CHW"]);

const LANGUAGE_HINTS: readonly { pattern: RegExp; code: string }[] = [
  { pattern: /\b(?:MWST|UST|TVA|TTC|BTW|IVA|TOTAAL|TOTALE|SUMME|GESAMT)\b/i, code: "EUR" },
  { pattern: /合計|消費税|税込/, code: "JPY" },
  { pattern: /\bVAT\b/i, code: "GBP" },
];

const ISO_CODE = /(?<![A-Za-z])([A-Z]{3})(?![A-Za-z])/g;
/** A code counts when an amount stands next to it, however wide the gap of spaces ("SUMME EUR      8,90"). */
const DIGIT_NEAR_BEFORE = /\d[.,'-]?\s*$/;
const DIGIT_NEAR_AFTER = /^[\s:$€£¥]*\d/;

export function isCurrencyWord(word: string): boolean {
  return isCurrencyCode(word) && !NOT_CURRENCIES.has(word);
}

/** A currency code or symbol ends `before` or starts `after` (the text around a number). */
export function hasCurrencyMarkAround(before: string, after: string): boolean {
  const codeBefore = /(?<![A-Za-z])([A-Z]{3})\s?$/.exec(before)?.[1];
  const codeAfter = /^\s?([A-Z]{3})(?![A-Za-z])/.exec(after)?.[1];
  if ((codeBefore && isCurrencyWord(codeBefore)) || (codeAfter && isCurrencyWord(codeAfter))) return true;
  return /(?:[€£$¥円元₹₩₽₺₪₫฿₱]|kr\.?|zł|Kč|Fr\.)\s?$/i.test(before) || /^\s?(?:[€£$¥円元₹₩₽₺₪₫฿₱]|kr\b|zł|Kč|Ft\b)/i.test(after);
}

export type CurrencyGuess = { code: string; confidence: number };

/**
 * @param isTotalLine tells which lines carry the total (their evidence counts more); the parser knows.
 * @param defaultCurrency the user's: an ambiguous symbol of its family ("$" for a CAD user) means it.
 */
export function detectCurrency(
  lines: readonly string[],
  isTotalLine: (index: number) => boolean = () => false,
  defaultCurrency?: string,
): CurrencyGuess | undefined {
  const weight = new Map<string, number>();
  const best = new Map<string, number>();
  const add = (code: string, strength: number) => {
    weight.set(code, (weight.get(code) ?? 0) + strength);
    best.set(code, Math.max(best.get(code) ?? 0, strength));
  };
  const ambiguous: { symbol: Symbol; strength: number }[] = [];
  lines.forEach((line, index) => {
    const bonus = isTotalLine(index) ? 0.1 : 0;
    for (const match of line.matchAll(ISO_CODE)) {
      const code = match[1] ?? "";
      if (!isCurrencyWord(code)) continue;
      const before = line.slice(0, match.index);
      const after = line.slice(match.index + code.length);
      if (DIGIT_NEAR_BEFORE.test(before) || DIGIT_NEAR_AFTER.test(after) || /^\s*$/.test(after)) add(code, 0.85 + bonus);
    }
    let rest = line;
    for (const symbol of SYMBOLS) {
      rest = rest.replace(symbol.pattern, () => {
        const strength = symbol.strength + (symbol.strength >= 0.6 ? bonus / 2 : 0);
        if (symbol.family) ambiguous.push({ symbol, strength });
        else add(symbol.code, strength);
        return " ";
      });
    }
  });
  for (const { symbol, strength } of ambiguous) {
    // A code of the symbol's family printed on the receipt names it ("CAD" with "$"); else the user's own
    // currency when it is of the family; else the family's most common member.
    const family = symbol.family ?? [];
    const coded = family.filter((code) => weight.has(code)).sort((a, b) => (weight.get(b) ?? 0) - (weight.get(a) ?? 0))[0];
    const fallback = defaultCurrency && family.includes(defaultCurrency) ? defaultCurrency : symbol.code;
    add(coded ?? fallback, coded ? Math.max(strength, 0.8) : strength);
  }
  if (weight.size === 0) {
    const text = lines.join("\n");
    const hint = LANGUAGE_HINTS.find(({ pattern }) => pattern.test(text));
    return hint ? { code: hint.code, confidence: 0.35 } : undefined;
  }
  const ranked = [...weight.entries()].sort((a, b) => b[1] - a[1]);
  const [winner, winnerWeight] = ranked[0] ?? ["", 0];
  const runnerUp = ranked[1]?.[1] ?? 0;
  const confidence = (best.get(winner) ?? 0) * (runnerUp >= winnerWeight / 2 ? 0.7 : 1);
  return { code: winner, confidence: Math.min(0.95, Number(confidence.toFixed(2))) };
}
