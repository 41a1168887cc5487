import { z } from "zod";
import { CalendarDateSchema, CategorySchema } from "@/lib/schemas";

/** The date presets of the tracker's filter bar; "custom" reads `from`/`to` from the URL. */
export const PERIODS = ["all", "this-month", "last-month", "this-year", "custom"] as const;
export type Period = (typeof PERIODS)[number];

export const PERIOD_LABELS: Record<Period, string> = {
  all: "All dates",
  "this-month": "This month",
  "last-month": "Last month",
  "this-year": "This year",
  custom: "Custom range",
};

/** What the URL says (every key optional; a malformed one is ignored, never an error page). */
const FiltersUrlSchema = z.object({
  period: z.enum(PERIODS).catch("all"),
  from: CalendarDateSchema.optional().catch(undefined),
  to: CalendarDateSchema.optional().catch(undefined),
  category: CategorySchema.optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
});

export type ExpenseFilters = { period: Period; from?: string; to?: string; category?: string; q?: string };

/** The filters in a URL's query (`?period=last-month&category=Food&q=cafe`). */
export function parseFilters(params: URLSearchParams): ExpenseFilters {
  const raw = Object.fromEntries(["period", "from", "to", "category", "q"].flatMap((key) => (params.has(key) ? [[key, params.get(key)]] : [])));
  const parsed = FiltersUrlSchema.parse(raw);
  const filters: ExpenseFilters = { period: parsed.period };
  if (parsed.period === "custom") {
    if (parsed.from) filters.from = parsed.from;
    if (parsed.to) filters.to = parsed.to;
  }
  if (parsed.category) filters.category = parsed.category;
  if (parsed.q) filters.q = parsed.q;
  return filters;
}

/** The URL query for filters; the defaults are left out so /tracker stays /tracker. */
export function filtersQuery(filters: ExpenseFilters): string {
  const params = new URLSearchParams();
  if (filters.period !== "all") params.set("period", filters.period);
  if (filters.period === "custom") {
    if (filters.from) params.set("from", filters.from);
    if (filters.to) params.set("to", filters.to);
  }
  if (filters.category) params.set("category", filters.category);
  if (filters.q) params.set("q", filters.q);
  return params.toString();
}

export type DateRange = { from?: string; to?: string };

const pad = (n: number) => String(n).padStart(2, "0");
const ymd = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;
/** The last day of a month (month 1-12), from the calendar, not a table. */
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The calendar dates a period covers, given today's date (YYYY-MM-DD, where the user is). Open ends stay open. */
export function periodRange(filters: Pick<ExpenseFilters, "period" | "from" | "to">, today: string): DateRange {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  switch (filters.period) {
    case "this-month":
      return { from: ymd(year, month, 1), to: ymd(year, month, lastDay(year, month)) };
    case "last-month": {
      const [y, m] = month === 1 ? [year - 1, 12] : [year, month - 1];
      return { from: ymd(y, m, 1), to: ymd(y, m, lastDay(y, m)) };
    }
    case "this-year":
      return { from: ymd(year, 1, 1), to: ymd(year, 12, 31) };
    case "custom": {
      const range: DateRange = {};
      if (filters.from) range.from = filters.from;
      if (filters.to) range.to = filters.to;
      // A reversed range is read the way the person meant it.
      if (range.from && range.to && range.from > range.to) return { from: range.to, to: range.from };
      return range;
    }
    case "all":
      return {};
  }
}

/**
 * The closed range the totals are computed over. The summary needs both ends and at most ten years, so an
 * open end becomes the edge of the ten calendar years up to this one (the caption says so).
 */
export function summaryRange(range: DateRange, today: string): { from: string; to: string; isClamped: boolean } {
  const year = Number(today.slice(0, 4));
  const to = range.to ?? ymd(year, 12, 31);
  // 120 months including to's: the first day of the month 119 months before it.
  const index = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7)) - 1 - 119;
  const floor = ymd(Math.floor(index / 12), (index % 12) + 1, 1);
  const from = range.from && range.from >= floor ? range.from : floor;
  return { from, to, isClamped: range.from === undefined || range.from < floor };
}

/** Whether an expense belongs in a list with these filters (so an optimistic add or edit lands only where it should). */
export function matchesFilters(
  expense: { date: string; category: string; description: string; merchant?: string | undefined },
  filters: ExpenseFilters,
  today: string,
): boolean {
  const { from, to } = periodRange(filters, today);
  if (from && expense.date < from) return false;
  if (to && expense.date > to) return false;
  if (filters.category && expense.category.toLowerCase() !== filters.category.toLowerCase()) return false;
  if (filters.q) {
    const needle = filters.q.toLowerCase();
    if (!`${expense.description}\n${expense.merchant ?? ""}`.toLowerCase().includes(needle)) return false;
  }
  return true;
}

/** The list's (and the export's) query parameters for these filters. */
export function filterParams(filters: ExpenseFilters, today: string): URLSearchParams {
  const params = new URLSearchParams();
  const { from, to } = periodRange(filters, today);
  if (from) params.set("from", from);
  if (to) params.set("to", to);
  if (filters.category) params.set("category", filters.category);
  if (filters.q) params.set("q", filters.q);
  return params;
}

export function hasFilters(filters: ExpenseFilters): boolean {
  return filters.period !== "all" || Boolean(filters.category) || Boolean(filters.q);
}
