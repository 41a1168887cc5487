/**
 * What OCR text looks like before the parsers read it: lines with optional engine confidences, full-width
 * and look-alike characters folded, and the classic misreads inside numbers repaired (O for 0, S for 5,
 * l or I for 1, "12 . 50" for 12.50). Keyword matching is fuzzy in the same way ("T0TAL" is TOTAL).
 */

/** One line as an OCR engine gives it; `confidence` is the engine's 0..100 for the line, when it has one. */
export type OcrLine = { text: string; confidence?: number };
export type ReceiptText = string | readonly OcrLine[];

export function ocrLines(text: ReceiptText): OcrLine[] {
  const lines = typeof text === "string" ? text.split(/\r?\n/).map((line) => ({ text: line })) : [...text];
  return lines.map((line) => ({ ...line, text: foldCharacters(line.text).trim() })).filter((line) => line.text.length > 0);
}

/** Full-width digits and punctuation (Japanese receipts), exotic spaces and dashes become their ASCII selves. */
function foldCharacters(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => (c === "\uffe5" ? "¥" : String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
    .replace(/\uffe5/g, "¥")
    .replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000]/g, " ")
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/[\u2018\u2019\u00b4`]/g, "'")
    .replace(/\t/g, " ");
}

const LOOKALIKE_DIGITS: Record<string, string> = { O: "0", o: "0", Q: "0", D: "0", S: "5", s: "5", l: "1", I: "1", "|": "1", B: "8", Z: "2" };
const CURRENCY_EDGE = /^([^\dOoQDSslI|BZ]*)(.*?)([^\dOoQDSslI|BZ.,]*)$/;

/**
 * Repairs look-alike letters inside number-like words: "1O.5O" -> "10.50", "$12.S0" -> "$12.50". A word
 * qualifies only if, once its currency/punctuation edges are set aside, it holds digits and a decimal
 * separator, or mostly digits: a lone "S" (a tax code) or "SO" stays a word.
 */
export function repairNumbers(line: string): { text: string; isRepaired: boolean } {
  let isRepaired = false;
  // "12 . 50", "12 ,5O", "12. 50": OCR spaces around a separator followed by two digits (or look-alikes).
  const joined = line.replace(/(\d) ?([.,]) ?([\dOoSs]{2})(?![\dOoSs])/g, (match, a: string, sep: string, b: string) => {
    if (match.includes(" ")) isRepaired = true;
    return `${a}${sep}${b}`;
  });
  const text = joined
    .split(/(\s+)/)
    .map((word) => {
      const [, head = "", core = "", tail = ""] = CURRENCY_EDGE.exec(word) ?? [];
      const digits = (core.match(/\d/g) ?? []).length;
      const lookalikes = (core.match(/[OoQDSslI|BZ]/g) ?? []).length;
      if (lookalikes === 0 || digits === 0 || /[^\dOoQDSslI|BZ.,']/.test(core)) return word;
      const hasDecimal = /[.,][\dOoSsQD]{2}$/.test(core);
      if (!hasDecimal && digits < lookalikes * 2) return word;
      isRepaired = true;
      return head + core.replace(/[OoQDSslI|BZ]/g, (c) => LOOKALIKE_DIGITS[c] ?? c) + tail;
    })
    .join("");
  return { text, isRepaired };
}

/** Upper case without diacritics, so "Gesamtbetrag", "Espèces" and "Rückgeld" match plain patterns. */
export function keywordText(line: string): string {
  return line.normalize("NFD").replace(/\p{M}/gu, "").toUpperCase();
}

const FUZZY: Record<string, string> = { O: "[O0Q]", I: "[I1L|!]", L: "[L1I|]", S: "[S5$]", A: "[A4]", B: "[B8]", E: "[E3]", T: "[T7]" };

/**
 * A keyword pattern that tolerates OCR misreads of its letters ("T0TAL", "5UMME") and, between the words of
 * a phrase, any run of spaces, dots or hyphens. Words under four letters are matched exactly (a fuzzy "PIN"
 * would match "PLN"). Latin keywords must not be glued to other letters ("SUBTOTAL" does not contain the
 * word TOTAL); CJK ones need no boundary.
 */
export function fuzzyKeywords(phrases: readonly string[]): RegExp {
  const escape = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const alternatives = phrases.map((phrase) => {
    const body = phrase
      .split(" ")
      .map((word) => [...word].map((c) => (word.length >= 4 ? (FUZZY[c] ?? escape(c)) : escape(c))).join(""))
      .join("[\\s.\\-]*");
    return /^[A-Z ]+$/.test(phrase) ? `(?<![A-Z])${body}(?![A-Z])` : body;
  });
  return new RegExp(alternatives.join("|"));
}
