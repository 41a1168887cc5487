/**
 * Purchase dates as receipts print them: 14.03.2025, 14.03.25, 14/03/2025 or 03/14/2025 (month first on US
 * receipts), 2025-03-14, 2025/03/14, 2025年3月14日, 14-Mar-2025, 14. März 2025, Mar 14, 2025. A date is never
 * after `today` (the caller's calendar day: lib never reads the clock): a day/month reading in the future is
 * tried the other way round, else dropped; so are dates before 1990.
 *
 * Confidence: 0.9 for year-first and month-name dates, 0.85 for a numeric date whose order is forced (a part
 * over 12, or dots, which are day-first everywhere), 0.75 when the order was the receipt's convention's
 * guess, 0.6 after swapping a future date, 0.5 after reading a 6, 8 or 9 back as 0; +0.05 on a line that
 * says DATE/DATUM/…, +0.1 right after "Departure"/"Check-out" (a hotel bill's date), -0.1 after "Arrival";
 * +0.05 when the same date is printed again.
 */

export type DateGuess = { value: string; confidence: number };
export type DateOptions = { today: string; isMonthFirst: boolean };

const MONTHS: Record<string, number> = {};
const MONTH_WORDS: readonly (readonly string[])[] = [
  ["jan", "january", "januar", "janner", "jan.", "janvier", "janv", "januari", "gennaio", "gen", "enero", "ene"],
  ["feb", "february", "februar", "fevrier", "fevr", "fev", "februari", "febbraio", "febrero"],
  ["mar", "march", "marz", "maerz", "mrz", "mars", "maart", "mrt", "marzo"],
  ["apr", "april", "avril", "avr", "aprile", "abril", "abr"],
  ["may", "mai", "mei", "maggio", "mag", "mayo"],
  ["jun", "june", "juni", "juin", "giugno", "giu", "junio"],
  ["jul", "july", "juli", "juillet", "juil", "luglio", "lug", "julio"],
  ["aug", "august", "aout", "augustus", "agosto", "ago"],
  ["sep", "sept", "september", "septembre", "settembre", "set", "septiembre"],
  ["oct", "october", "oktober", "okt", "octobre", "ottobre", "ott", "octubre"],
  ["nov", "november", "novembre", "noviembre"],
  ["dec", "december", "dezember", "dez", "decembre", "dicembre", "dic", "diciembre"],
];
MONTH_WORDS.forEach((words, i) => words.forEach((word) => (MONTHS[word] = i + 1)));

const plain = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
const monthOf = (word: string) => MONTHS[plain(word).replace(/\.$/, "")];

const MONTH_WORD = "([A-Za-zÀ-ÿ]{3,9}\\.?)";
const PATTERNS = {
  yearFirst: /(?<![\d.,])(\d{4})\s?([-/.])\s?(\d{1,2})\s?\2\s?(\d{1,2})(?![\d])/g,
  japanese: /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g,
  numeric: /(?<![\d.,/-])(\d{1,2})\s?([./-])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})(?![\d]|[.,]\d)/g,
  dayMonthName: new RegExp(`(?<!\\d)(\\d{1,2})\\.?[\\s-]*${MONTH_WORD}[\\s,-]*(\\d{4}|\\d{2})(?![\\d])`, "g"),
  monthNameDay: new RegExp(`(?<![A-Za-z])${MONTH_WORD}\\s*(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)`, "g"),
};

const DATE_LABEL = /\b(?:DATE|DATUM|DATA|FECHA|DATO)\b|日付/i;
/** A hotel bill is dated the day of departure, not of arrival. */
const DEPARTURE_LABEL = /\b(?:DEPARTURE|DEPART|CHECK-?OUT|ABREISE|VERTREK|PARTENZA|SALIDA)\W*$/i;
const ARRIVAL_LABEL = /\b(?:ARRIVAL|ARRIVEE|CHECK-?IN|ANREISE|AANKOMST|ARRIVO|LLEGADA)\W*$/i;
const NOT_PURCHASE = /\b(?:EXP|EXPIRES|VALID|GULTIG|RETURN|BEST BEFORE|MHD|BIS)\b/i;

function isoDate(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return undefined;
  return date.toISOString().slice(0, 10);
}

function fullYear(text: string, today: string): number {
  const year = Number(text);
  if (text.length === 4) return year;
  const century = Number(today.slice(0, 2)) * 100;
  return century + year > Number(today.slice(0, 4)) ? century - 100 + year : century + year;
}

type Reading = { year: number; month: number; day: number; confidence: number };

/** The first valid reading of a match that is not after today (readings come best first). */
function accept(candidates: Reading[], today: string): DateGuess | undefined {
  for (const { year, month, day, confidence } of candidates) {
    const value = isoDate(year, month, day);
    if (value && value <= today && value >= "1990-01-01") return { value, confidence };
  }
  return undefined;
}

/** Noisy photos make tesseract read a 0 as 6, 8 or 9 ("2625", "09-65-2025"). */
const ZERO_MISREADS = /[689]/g;

/**
 * A date that is invalid or in the future as read, but valid with one 6/8/9 read back as 0: the usual
 * single OCR misread, proposed with less confidence (0.5).
 */
function repaired(m: RegExpMatchArray, read: (part: (i: number) => string) => Reading[], today: string): DateGuess | undefined {
  for (let group = 1; group < m.length; group++) {
    const text = m[group] ?? "";
    if (!/^\d+$/.test(text)) continue;
    for (const { index } of text.matchAll(ZERO_MISREADS)) {
      const fixed = `${text.slice(0, index)}0${text.slice(index + 1)}`;
      const guess = accept(read((i) => (i === group ? fixed : (m[i] ?? ""))), today);
      if (guess) return { value: guess.value, confidence: Math.min(guess.confidence, 0.5) };
    }
  }
  return undefined;
}

/** Look-alike letters inside date-like words ("12/O7/2019", "l4.03.2025"). */
function repairDateDigits(line: string): string {
  // Whole words only, mostly digits already: "inkl. 1.06" must not become "ink1. 1.06".
  return line.replace(/(?<!\p{L})[\dOoIl]{1,4}(?:\s?[./-]\s?[\dOoIl]{1,4}){2}(?!\p{L})/gu, (word) =>
    (word.match(/\d/g) ?? []).length >= 4 ? word.replace(/[Oo]/g, "0").replace(/[Il]/g, "1") : word,
  );
}

/** The dates in one line, in order of appearance. */
export function datesInLine(raw: string, options: DateOptions): DateGuess[] {
  return placedDates(raw, options).map(({ guess }) => guess);
}

function placedDates(raw: string, { today, isMonthFirst }: DateOptions): { at: number; guess: DateGuess }[] {
  const line = repairDateDigits(raw);
  const found: { at: number; guess: DateGuess }[] = [];
  const each = (pattern: RegExp, read: (part: (i: number) => string) => Reading[]) => {
    for (const m of line.matchAll(pattern)) {
      const guess = accept(read((i) => m[i] ?? ""), today) ?? repaired(m, read, today);
      if (guess) found.push({ at: m.index, guess });
    }
  };
  each(PATTERNS.yearFirst, (p) => [{ year: +p(1), month: +p(3), day: +p(4), confidence: 0.9 }]);
  each(PATTERNS.japanese, (p) => [{ year: +p(1), month: +p(2), day: +p(3), confidence: 0.9 }]);
  each(PATTERNS.numeric, (p) => {
    const [a, separator, b, year] = [+p(1), p(2), +p(3), fullYear(p(4), today)];
    const dayFirst = { year, month: b, day: a };
    const monthFirst = { year, month: a, day: b };
    // Dots are day-first everywhere; a part over 12 settles the order; otherwise the receipt's convention.
    const isForced = a > 12 || b > 12 || separator === ".";
    const isDayFirst = separator === "." || a > 12 || (b <= 12 && !isMonthFirst);
    const [preferred, other] = isDayFirst ? [dayFirst, monthFirst] : [monthFirst, dayFirst];
    return [
      { ...preferred, confidence: isForced ? 0.85 : 0.75 },
      { ...other, confidence: 0.6 },
    ];
  });
  each(PATTERNS.dayMonthName, (p) => [{ year: fullYear(p(3), today), month: monthOf(p(2)) ?? 0, day: +p(1), confidence: 0.9 }]);
  each(PATTERNS.monthNameDay, (p) => [{ year: +p(3), month: monthOf(p(1)) ?? 0, day: +p(2), confidence: 0.9 }]);
  return found.sort((x, y) => x.at - y.at);
}

/** The receipt's date: the most certain one, preferring labelled and repeated dates; ties go to the first. */
export function findDate(lines: readonly string[], options: DateOptions): DateGuess | undefined {
  const scores = new Map<string, { confidence: number; order: number }>();
  let order = 0;
  for (const line of lines) {
    if (NOT_PURCHASE.test(line)) continue;
    for (const { at, guess } of placedDates(line, options)) {
      const before = line.slice(Math.max(0, at - 16), at);
      const labelled = DEPARTURE_LABEL.test(before) ? 0.1 : ARRIVAL_LABEL.test(before) ? -0.1 : DATE_LABEL.test(line) ? 0.05 : 0;
      const seen = scores.get(guess.value);
      const confidence = Math.max(seen?.confidence ?? 0, guess.confidence + labelled) + (seen ? 0.05 : 0);
      scores.set(guess.value, { confidence: Math.min(0.97, confidence), order: seen?.order ?? order++ });
    }
  }
  const best = [...scores.entries()].sort((x, y) => y[1].confidence - x[1].confidence || x[1].order - y[1].order)[0];
  return best ? { value: best[0], confidence: Number(best[1].confidence.toFixed(2)) } : undefined;
}
