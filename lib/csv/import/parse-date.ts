import { DATE_FORMATS, type DateFormat } from "./import-settings";

export type ParsedDate = { ok: true; date: string } | { ok: false; reason: "shape" | "not-real" };

type Parts = { day: string; month: string; year: string };
type Layout = { pattern: RegExp; parts: (match: RegExpExecArray) => Parts | undefined };

const Y = "(\\d{4}|\\d{2})";
const DM = "(\\d{1,2})";
const numeric = (separator: string, order: "dmy" | "mdy" | "ymd"): Layout => {
  const s = separator === "." ? "\\." : separator;
  const pattern = order === "ymd" ? new RegExp(`^(\\d{4})${s}${DM}${s}${DM}$`) : new RegExp(`^${DM}${s}${DM}${s}${Y}$`);
  return {
    pattern,
    parts: ([, a = "", b = "", c = ""]) =>
      order === "ymd" ? { year: a, month: b, day: c } : order === "dmy" ? { day: a, month: b, year: c } : { month: a, day: b, year: c },
  };
};

/** Month names and abbreviations in EN/DE/NL/FR/ES, lower-cased without accents or a final dot. */
const MONTHS: ReadonlyMap<string, number> = new Map(
  (
    [
      ["jan januar januari janv janvier ene enero january", 1],
      ["feb februar februari fevr fevrier febrero february", 2],
      ["mar mrz marz maerz mrt maart mars marzo march", 3],
      ["apr april avr avril abr abril", 4],
      ["may mai mei mayo", 5],
      ["jun juni juin junio june", 6],
      ["jul juli juil juillet julio july", 7],
      ["aug august augustus aout ago agosto", 8],
      ["sep sept september septembre septiembre", 9],
      ["oct okt october oktober octobre octubre", 10],
      ["nov november novembre noviembre", 11],
      ["dec dez dezember december decembre dic diciembre", 12],
    ] as const
  ).flatMap(([names, month]) => names.split(" ").map((name) => [name, month] as const)),
);

function monthNumber(name: string): string | undefined {
  const key = name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\.$/, "");
  const month = MONTHS.get(key);
  return month === undefined ? undefined : String(month);
}

const LAYOUTS: Record<DateFormat, Layout> = {
  "YYYY-MM-DD": numeric("-", "ymd"),
  "YYYY/MM/DD": numeric("/", "ymd"),
  YYYYMMDD: { pattern: /^(\d{4})(\d{2})(\d{2})$/, parts: ([, year = "", month = "", day = ""]) => ({ year, month, day }) },
  "DD.MM.YYYY": numeric(".", "dmy"),
  "DD/MM/YYYY": numeric("/", "dmy"),
  "MM/DD/YYYY": numeric("/", "mdy"),
  "DD-MM-YYYY": numeric("-", "dmy"),
  "MM-DD-YYYY": numeric("-", "mdy"),
  "DD-MMM-YYYY": {
    pattern: new RegExp(`^${DM}[-. /]\\s*(\\p{L}{3,9}\\.?)[-. /]\\s*${Y}$`, "u"),
    parts: ([, day = "", name = "", year = ""]) => {
      const month = monthNumber(name);
      return month === undefined ? undefined : { day, month, year };
    },
  },
};

/** A time after the date ("2025-03-05 14:22:01", "05.03.2025 09:15", ISO "T...Z") is not part of it. */
const TIME_SUFFIX = /(?:[ T]|\s+)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*(?:[AaPp]\.?[Mm]\.?|Z|[+-]\d{2}:?\d{2}))?$/;

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysIn(year: number, month: number): number {
  return month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The date's day-and-month numbers as written, for the DD/MM vs MM/DD vote (undefined for other shapes). */
export function slashDashParts(text: string): { first: number; second: number } | undefined {
  const match = /^(\d{1,2})[/-](\d{1,2})[/-](?:\d{4}|\d{2})$/.exec(text.trim().replace(TIME_SUFFIX, ""));
  if (!match) return undefined;
  return { first: Number(match[1]), second: Number(match[2]) };
}

/** Reads `text` as `format` into YYYY-MM-DD; "shape" when it is not written that way, "not-real" for 31.02. */
export function parseDate(text: string, format: DateFormat): ParsedDate {
  const layout = LAYOUTS[format];
  const match = layout.pattern.exec(text.trim().replace(TIME_SUFFIX, ""));
  const parts = match ? layout.parts(match) : undefined;
  if (!parts) return { ok: false, reason: "shape" };
  const shortYear = Number(parts.year);
  const year = parts.year.length === 2 ? (shortYear < 70 ? 2000 + shortYear : 1900 + shortYear) : shortYear;
  const month = Number(parts.month);
  const day = Number(parts.day);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || year < 1900) return { ok: false, reason: "not-real" };
  return { ok: true, date: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` };
}

/** Whether any supported format reads `text` as a real date (layout detection's "looks like a transaction"). */
export function isDateLike(text: string): boolean {
  return DATE_FORMATS.some((format) => parseDate(text, format).ok);
}
