import { z } from "zod";
import { CURRENCY_TOKEN_SOURCE, currencyCandidates } from "./currency-of-token";
import { DecimalSeparatorSchema, ThousandsSeparatorSchema } from "./import-settings";

export const NumberFormatSchema = z.object({ decimalSeparator: DecimalSeparatorSchema, thousandsSeparator: ThousandsSeparatorSchema });
export type NumberFormat = z.infer<typeof NumberFormatSchema>;

/** An amount as a bank wrote it, taken apart: the size as a plain decimal string, and what surrounds it. */
export type AmountCell = {
  /** Digits with an optional point ("1444.00"), never a sign: what lib/money's parseAmount reads. */
  decimal: string;
  isNegative: boolean;
  /** A trailing "CR" (money in) or "DR" (money out). */
  marker: "CR" | "DR" | null;
  /** The symbol or code written with the amount ("€", "US$", "EUR"). */
  currencyToken: string | null;
  /** The grouping character the digits used, if any (detection votes with it). */
  grouping: string | null;
};

const SHAPE = /^(?<lead>\D*?)(?<number>[.,]?\d(?:[\d.,' ]*\d)?)(?<trail>\D*)$/u;
const TOKEN = new RegExp(
  `^\\s*(?:(?<sign>[-+])|(?<open>\\()|(?<close>\\))|(?<mark>CR|DR)\\.?(?!\\p{L})|(?<currency>${CURRENCY_TOKEN_SOURCE})\\.?(?!\\p{L}))\\s*`,
  "iu",
);

/** Digits in threes after a first group of one to three, per grouping character. */
const GROUPED: Readonly<Record<string, RegExp>> = {
  ".": /^\d{1,3}(?:\.\d{3})+$/,
  ",": /^\d{1,3}(?:,\d{3})+$/,
  " ": /^\d{1,3}(?: \d{3})+$/,
  "'": /^\d{1,3}(?:'\d{3})+$/,
};

type Tokens = { minus: number; plus: number; open: number; close: number; marker: "CR" | "DR" | null; currency: string[] };

/** Signs, parentheses, CR/DR and currency around the digits; undefined if anything else is there. */
function readTokens(text: string, tokens: Tokens, isTrail: boolean): boolean {
  let rest = text;
  while (rest.trim() !== "") {
    const match = TOKEN.exec(rest);
    const groups = match?.groups;
    if (!match || !groups || match[0] === "") return false;
    if (groups.sign === "-") tokens.minus++;
    else if (groups.sign === "+") tokens.plus++;
    else if (groups.open) tokens.open++;
    else if (groups.close) tokens.close++;
    else if (groups.mark && isTrail && tokens.marker === null) tokens.marker = groups.mark.toUpperCase() === "CR" ? "CR" : "DR";
    else if (groups.currency && currencyCandidates(groups.currency).length > 0) tokens.currency.push(groups.currency);
    else return false;
    rest = rest.slice(match[0].length);
  }
  return true;
}

/** The size's digits as a decimal string under `format`, with strict 3-digit groups; undefined if not a number. */
function readDigits(number: string, format: NumberFormat): { decimal: string; grouping: string | null } | undefined {
  const pieces = number.split(format.decimalSeparator);
  if (pieces.length > 2) return undefined;
  const [whole = "", fraction] = pieces;
  if (fraction !== undefined && !/^\d+$/.test(fraction)) return undefined;
  let grouping: string | null = null;
  let digits = whole;
  if (!/^\d*$/.test(whole)) {
    const separators = new Set(whole.replace(/\d/g, ""));
    const [separator] = separators;
    const allowed = separator === " " || separator === "'" || (separator !== undefined && separator === format.thousandsSeparator);
    if (separators.size !== 1 || separator === undefined || !allowed) return undefined;
    if (!GROUPED[separator]?.test(whole)) return undefined;
    grouping = separator;
    digits = whole.split(separator).join("");
  }
  const integer = digits.replace(/^0+(?=\d)/, "") || "0";
  return { decimal: fraction === undefined ? integer : `${integer}.${fraction}`, grouping };
}

/**
 * Reads an amount as banks write it — `1.444,00`, `1,280.80`, `£1,183.23`, `-1 234,56 €`, `(12.50)`,
 * `12,50-`, `100.00 CR`, `EUR -3,20` — by string manipulation only (no float ever holds the value).
 * Spaces (also NBSP), apostrophes and `format.thousandsSeparator` group digits in threes; anything else
 * (a letter, a second decimal separator, a 2-digit group) makes it not a number: undefined.
 */
export function parseAmountCell(text: string, format: NumberFormat): AmountCell | undefined {
  const normalised = text
    .trim()
    .replace(/[\u2212\u2013]/g, "-")
    .replace(/[\u00a0\u202f\u2007\u2009]/g, " ")
    .replace(/\u2019/g, "'");
  if (normalised.length > 64) return undefined;
  const groups = SHAPE.exec(normalised)?.groups;
  const number = groups?.number;
  if (!groups || number === undefined) return undefined;
  const tokens: Tokens = { minus: 0, plus: 0, open: 0, close: 0, marker: null, currency: [] };
  if (!readTokens(groups.lead ?? "", tokens, false) || !readTokens(groups.trail ?? "", tokens, true)) return undefined;
  const signs = tokens.minus + tokens.plus;
  if (signs > 1 || tokens.open !== tokens.close || tokens.open > 1 || tokens.currency.length > 1) return undefined;
  const digits = readDigits(number.trim(), format);
  if (!digits) return undefined;
  return {
    decimal: digits.decimal,
    isNegative: tokens.minus === 1 || tokens.open === 1,
    marker: tokens.marker,
    currencyToken: tokens.currency[0] ?? null,
    grouping: digits.grouping,
  };
}

/** The two readings detection tries: decimal comma with point groups, decimal point with comma groups. */
export const CANDIDATE_FORMATS: readonly NumberFormat[] = [
  { decimalSeparator: ",", thousandsSeparator: "." },
  { decimalSeparator: ".", thousandsSeparator: "," },
];

/** Whether `text` reads as an amount in either convention (detection only; mapping uses the chosen one). */
export function isAmountLike(text: string): boolean {
  return /\d/.test(text) && CANDIDATE_FORMATS.some((format) => parseAmountCell(text, format) !== undefined);
}
