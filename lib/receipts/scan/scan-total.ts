/**
 * The total of a receipt's lines. It is the largest amount on a total line — TOTAL, SUM(ME), AMOUNT/BALANCE
 * DUE, GRAND TOTAL, TO PAY, TOTAAL, GESAMT, TOTALE, MONTANT, 合計… — where a line that also names a
 * subtotal, a tax (unless "incl."), cash, change, a tip, a card, a discount or an item count is no total
 * line. A tip written in after the printed total makes a larger "TOTAL" below it, which is why the largest
 * wins. A label whose amount OCR put on the next line ("TOTAL" / "12.50") is followed there.
 *
 * The receipt checks itself: the card payment, cash tendered - change, subtotal + tax, and the sum of the
 * item lines are witnesses. A total a witness repeats is surer; a total one digit away from a witness (OCR read "36.55"
 * for "30.55" while the items add up to 30.55) is corrected to it.
 *
 * Confidence: 0.9 for an unambiguous total phrase (GRAND TOTAL, AMOUNT DUE, SUMME, 合計…), 0.85 for a plain
 * TOTAL/SUM, 0.7 for AMOUNT/BETRAG; +0.05 with a currency mark on the amount, +0.05 when another line or a
 * witness repeats it; -0.15 when OCR misreads were repaired, -0.1 when it stood on the next line, -0.1
 * with fewer decimals than the currency has, -0.1 when corrected by a witness. No amount on a total line:
 * the most direct witness at 0.45, else the largest plain amount at 0.3. All of it scaled by the
 * engine's confidence in the line, when given (x 0.6 at 0 %, x 1 at 100 %).
 */
import { fuzzyKeywords, keywordText, type OcrLine } from "./ocr-text";
import type { ScanField } from "./receipt-reader";
import { decimalSeparatorOf, findAmounts, type AmountToken } from "./scan-amounts";

const STRONG_TOTAL = fuzzyKeywords([
  "GRAND TOTAL", "TOTAL TTC", "TOTAL DUE", "AMOUNT DUE", "BALANCE DUE", "TOTAL A PAYER", "NET A PAYER", "A PAYER",
  "TO PAY", "ZU ZAHLEN", "TE BETALEN", "TOTALE COMPLESSIVO", "SUMME", "TOTAAL", "TOTALE", "GESAMT", "GESAMTBETRAG",
  "MONTANT TTC", "MONTANT DU", "GESAMTSUMME", "TOTALT", "ATT BETALA", "合計", "合 計", "お会計", "ご請求額",
]);
const TOTAL = fuzzyKeywords(["TOTAL", "SUM", "SUMA", "MONTANT", "IMPORTE", "BEDRAG", "IMPORTO"]);
const WEAK_TOTAL = fuzzyKeywords(["AMOUNT", "BETRAG", "PURCHASE", "BALANCE"]);

const SUBTOTAL = fuzzyKeywords([
  "SUB TOTAL", "ZWISCHENSUMME", "SOUS TOTAL", "SUBTOTAAL", "SUBTOTALE", "小計", "NETTO", "NET", "HT", "TOTAL HT",
]);
const TAX = fuzzyKeywords(["TAX", "TAXES", "VAT", "MWST", "UST", "TVA", "BTW", "IVA", "GST", "HST", "PST", "QST", "MOMS", "消費税", "税"]);
const TAX_INCLUDED =
  /\b(?:INCL|INC|INKL|INCLUDING|INCLUDES|INCLUDED|INCLUSIVE|INKLUSIVE|TTC|COMPRESA|INCLUSA|INCLUIDO|INBEGREPEN|ENTHALTEN|ENTH|DARIN|DAVON|DONT|DI CUI)\b|税込|込/;
const CHANGE = fuzzyKeywords(["CHANGE", "CHANGE DUE", "RUCKGELD", "RUECKGELD", "WECHSELGELD", "RENDU", "RESTO", "WISSELGELD", "RESZTA", "CAMBIO", "TROCO", "お釣り", "お釣", "釣銭"]);
const CASH = fuzzyKeywords(["CASH", "TENDER", "TENDERED", "TEND", "BAR", "GEGEBEN", "ESPECES", "CONTANTI", "CONTANTE", "CONTANT", "GOTOWKA", "EFECTIVO", "ENTREGADO", "お預り", "お預かり", "現金"]);
const CARD = fuzzyKeywords([
  "PIN", "PINNEN", "VISA", "MASTERCARD", "AMEX", "MAESTRO", "GIROCARD", "EC", "KARTE", "CARD", "DEBIT", "CREDIT", "CB", "BANCOMAT",
  "PAID", "KARTA", "KORT", "TARJETA", "CARTA",
]);
const TIP = fuzzyKeywords(["TIP", "TIPS", "GRATUITY", "TRINKGELD", "POURBOIRE", "MANCIA", "PROPINA", "FOOI"]);
const SAVINGS = fuzzyKeywords([
  "SAVINGS", "SAVED", "SAVE", "DISCOUNT", "RABATT", "REMISE", "SCONTO", "KORTING", "DESCUENTO", "COUPON", "POINTS", "PUNKTE",
  "BONUS", "値引", "割引",
]);
const COUNTS = fuzzyKeywords(["ITEMS", "ITEM", "ARTIKEL", "ARTICLES", "ARTICOLI", "ARTIKELEN", "QTY", "点"]);

export type LineKind =
  | { kind: "total"; strength: number }
  | { kind: "subtotal" | "tax" | "included-tax" | "cash" | "change" | "card" | "excluded" }
  | { kind: "other" };

export function classifyLine(line: string): LineKind {
  const text = keywordText(line);
  if (CHANGE.test(text)) return { kind: "change" };
  if (CASH.test(text)) return { kind: "cash" };
  if (TIP.test(text) || SAVINGS.test(text) || COUNTS.test(text)) return { kind: "excluded" };
  if (CARD.test(text)) return { kind: "card" };
  if (TAX.test(text)) {
    if (!TAX_INCLUDED.test(text)) return { kind: "tax" };
    if (!STRONG_TOTAL.test(text) && !TOTAL.test(text)) return { kind: "included-tax" };
  }
  if (SUBTOTAL.test(text) && !/NET A PAYER/.test(text)) return { kind: "subtotal" };
  const strength = STRONG_TOTAL.test(text) ? 0.9 : TOTAL.test(text) ? 0.85 : WEAK_TOTAL.test(text) ? 0.7 : 0;
  return strength > 0 ? { kind: "total", strength } : { kind: "other" };
}

const lineFactor = (line: OcrLine | undefined) =>
  line?.confidence === undefined ? 1 : 0.6 + 0.4 * Math.min(1, Math.max(0, line.confidence / 100));
/** A line holding nothing but an amount (and maybe its currency): the value column of the line above. */
const isBareAmount = (line: string) => !/\p{L}{4,}/u.test(line.replace(/\b[A-Z]{3}\b/g, ""));

/** Same number of digits, one of them different: the typical single OCR misread. */
function isOneDigitApart(a: bigint, b: bigint): boolean {
  const [x, y] = [a.toString(), b.toString()];
  return x.length === y.length && [...x].filter((c, i) => c !== y[i]).length === 1;
}

type Candidate = { token: AmountToken; index: number; confidence: number };

/** What the rest of the receipt says the total must be, most direct first: the card payment, cash - change, subtotal + tax, the items' sum. */
function witnessesOf(kinds: readonly LineKind[], amounts: readonly AmountToken[][]): bigint[] {
  const last = (i: number) => amounts[i]?.[amounts[i].length - 1]?.minor;
  const largest = (i: number) => amounts[i]?.reduce<bigint | undefined>((m, t) => (m === undefined || t.minor > m ? t.minor : m), undefined);
  const indexes = (kind: LineKind["kind"]) => kinds.flatMap((k, i) => (k.kind === kind && last(i) !== undefined ? [i] : []));
  const witnesses: bigint[] = indexes("card").flatMap((i) => largest(i) ?? []);
  const [tendered] = indexes("cash").flatMap((i) => largest(i) ?? []).sort((a, b) => (b > a ? 1 : -1));
  const [change] = indexes("change").map(last);
  if (tendered !== undefined && change !== undefined && tendered > change) witnesses.push(tendered - change);
  const [subtotal] = indexes("subtotal").map(last);
  const taxes = indexes("tax").map((i) => last(i) ?? 0n);
  if (subtotal !== undefined) witnesses.push(subtotal + taxes.reduce((a, b) => a + b, 0n));
  // The item lines: every line with an amount above the first summary line.
  const firstSummary = kinds.findIndex((k, i) => k.kind !== "other" && last(i) !== undefined);
  const items = kinds.slice(0, Math.max(0, firstSummary)).flatMap((_, i) => last(i) ?? []);
  if (items.length >= 2) witnesses.push(items.reduce((a, b) => a + b, 0n));
  return witnesses;
}

export function findTotal(lines: readonly OcrLine[], kinds: readonly LineKind[], currency: string): ScanField<bigint> | undefined {
  const convention = decimalSeparatorOf(lines.map((line) => line.text));
  const amounts = lines.map((line) => findAmounts(line.text, currency, convention));
  const candidates: Candidate[] = [];
  kinds.forEach((kind, index) => {
    if (kind.kind !== "total") return;
    let tokens = amounts[index] ?? [];
    let penalty = 0;
    const next = lines[index + 1];
    if (tokens.length === 0 && next && kinds[index + 1]?.kind === "other" && isBareAmount(next.text)) {
      tokens = amounts[index + 1] ?? [];
      penalty = 0.1;
    }
    for (const token of tokens) candidates.push({ token, index, confidence: kind.strength - penalty });
  });
  const witnesses = witnessesOf(kinds, amounts);
  const best = candidates.reduce<Candidate | undefined>((top, c) => (!top || c.token.minor > top.token.minor ? c : top), undefined);
  if (!best) {
    const [witness] = witnesses.filter((w) => w > 0n);
    if (witness !== undefined) return { value: witness, confidence: 0.45 };
    const plain = kinds.flatMap((kind, i) => (kind.kind === "other" ? (amounts[i] ?? []).map((token) => ({ token, i })) : []));
    const largest = plain.reduce<(typeof plain)[number] | undefined>((top, c) => (!top || c.token.minor > top.token.minor ? c : top), undefined);
    return largest && { value: largest.token.minor, confidence: 0.3 * lineFactor(lines[largest.i]) };
  }
  let { confidence } = best;
  let value = best.token.minor;
  if (best.token.hasCurrencyMark) confidence += 0.05;
  if (best.token.isRepaired) confidence -= 0.15;
  if (best.token.isShort) confidence -= 0.1;
  const isRepeated = amounts.some((tokens, i) => i !== best.index && tokens.some((t) => t.minor === value));
  const correction = witnesses.find((w) => isOneDigitApart(w, value));
  if (isRepeated || witnesses.includes(value)) confidence += 0.05;
  else if (correction !== undefined) {
    value = correction;
    confidence -= 0.1;
  }
  // Never quite 1: a misread that happens to match its witnesses is possible.
  return { value, confidence: Math.min(0.98, confidence) * lineFactor(lines[best.index]) };
}
