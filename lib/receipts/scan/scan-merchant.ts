/**
 * The merchant: a receipt's name line is near the top, above its address. Among the first lines, those
 * that are an address, a phone number, a web or mail address, a date, a tax number, or a greeting/heading
 * ("RECEIPT", "WELCOME", "KASSENBON", "領収書") are skipped; of the rest, the earliest wins, and an
 * upper-case-heavy line (shop names are printed in capitals) can overtake the one just above it.
 *
 * Confidence: 0.75 for the first candidate line, 0.1 less per candidate skipped over; +0.1 when mostly
 * capitals; -0.15 when the line is noisy (under 80 % letters); never above 0.9 (a logo may carry the real
 * name) nor below 0.2.
 */
import { keywordText } from "./ocr-text";

const HEAD_LINES = 8;
const MAX_LENGTH = 200;

const HEADINGS =
  /\b(?:RECEIPT|RECIEPT|WELCOME|WILLKOMMEN|BIENVENUE|BENVENUTI|WELKOM|THANK|THANKS|DANKE|MERCI|GRAZIE|BEDANKT|COPY|DUPLICATE|TICKET|FACTURE|KASSENBON|KASSABON|BELEG|QUITTUNG|RECHNUNG|SCONTRINO|RICEVUTA|DOCUMENTO|INVOICE|FOLIO|SALE|STATEMENT|PARAGON|FISKALNY)\b|領収|レシート|いらっしゃいませ|ありがとう/;
/** Labels of counters and ids: "STORE #1477", "TABLE 12", "BON-NR. 4711" (a name such as "THE STORE" stays). */
const COUNTERS = /\b(?:ORDER|TABLE|SERVER|CASHIER|KASSE|KASSIERER|TERMINAL|STORE|GUEST|CHECK|TRANSACTION|TRANS|BON|REG|OP|TR|TE|ST)\b/;
const TAX_IDS = /\b(?:VAT|UST|USt|MWST|UID|STEUER|ST-?NR|SIRET|SIREN|TVA|P\.? ?IVA|PARTITA|KVK|BTW|ABN|GST|HST|NIF|NIP|CIF)\b/i;
const CONTACT = /\b(?:TEL|TELEFON|PHONE|FON|FAX|MOBILE|WWW|HTTPS?|E-?MAIL)\b|www\.|https?:|@|\.(?:com|de|fr|nl|it|co\.uk|uk|jp|net|org)\b|☎|電話|℡/i;
const STREET =
  /\b(?:STREET|ST|STR|STRASSE|STRAßE|AVE|AVENUE|ROAD|RD|BLVD|BOULEVARD|LANE|LN|DRIVE|DR|HWY|HIGHWAY|WAY|PLAZA|SQUARE|SUITE|STE|FLOOR|RUE|PLACE|CHEMIN|VIA|VIALE|PIAZZA|CORSO|STRAAT|LAAN|PLEIN|GRACHT|WEG|PLATZ|GASSE|ALLEE|RING|DAMM|CALLE)\b|STR\.|(?<=[a-zß])(?:straße|strasse|str\.|weg|platz|gasse|straat|laan|plein|gracht)\b|丁目|番地/i;
const POSTCODE =
  /(?<![\d.,])\d{5}(?![\d.,])|\b\d{4} ?[A-Z]{2}\b|\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b|〒|^\d{4} [A-Za-zÀ-ÿ]|^[A-Z][A-Za-z .'-]+, ?[A-Z]{2}(?: \d{5})?$/;
const DATE_OR_TIME = /\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}:\d{2}|\d{4}年/;

/**
 * Strips OCR debris around a name ("() MEGA BIGBOX", "** CAFE **"), collapses spaces, and reads a 0 inside
 * a word of letters as the O it is ("C0RNER BAKERY"; "7-ELEVEN" and "BAR 21" keep their digits).
 */
export function cleanMerchant(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}.)!"'»”]+$/gu, "")
    .replace(/\S+/g, (word) => ((word.match(/\p{Lu}/gu) ?? []).length >= 2 && /^[\p{Lu}0]+$/u.test(word) ? word.replace(/0/g, "O") : word))
    .trim()
    .slice(0, MAX_LENGTH);
}

function isSkipped(line: string): boolean {
  const upper = keywordText(line);
  if (COUNTERS.test(upper) && /[\d#]/.test(line)) return true;
  if (HEADINGS.test(upper) || TAX_IDS.test(line) || CONTACT.test(line) || DATE_OR_TIME.test(line)) return true;
  const digits = (line.match(/\d/g) ?? []).length;
  if (digits >= 7 && digits / line.replace(/\s/g, "").length > 0.5) return true; // a phone or an id
  if (POSTCODE.test(line)) return true;
  return STREET.test(line) && /\d/.test(line);
}

export type MerchantGuess = { value: string; confidence: number };

export function findMerchant(lines: readonly string[]): MerchantGuess | undefined {
  const candidates: { value: string; upperRatio: number; letterRatio: number }[] = [];
  for (const line of lines.slice(0, HEAD_LINES)) {
    if (isSkipped(line)) continue;
    const value = cleanMerchant(line);
    const letters = value.match(/\p{L}/gu) ?? [];
    const cased = letters.filter((c) => c.toLowerCase() !== c.toUpperCase());
    const letterRatio = letters.length / Math.max(1, value.replace(/\s/g, "").length);
    if (letters.length < 2 || letterRatio < 0.5) continue;
    const upperRatio = cased.length === 0 ? 1 : cased.filter((c) => c === c.toUpperCase()).length / cased.length;
    candidates.push({ value, upperRatio, letterRatio });
    if (candidates.length === 3) break;
  }
  const scored = candidates.map((c, rank) => ({ ...c, rank, score: 1 - 0.15 * rank + (c.upperRatio >= 0.7 ? 0.2 : 0) }));
  const best = scored.sort((a, b) => b.score - a.score || a.rank - b.rank)[0];
  if (!best) return undefined;
  const confidence = 0.75 - 0.1 * best.rank + (best.upperRatio >= 0.7 ? 0.1 : 0) - (best.letterRatio < 0.8 ? 0.15 : 0);
  return { value: best.value, confidence: Number(Math.min(0.9, Math.max(0.2, confidence)).toFixed(2)) };
}
