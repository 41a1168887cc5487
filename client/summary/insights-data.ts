import { currencyExponent, parseAmount } from "@/lib/money";

type Row = { month: string; currency: string; category: string; amount: string };

const pad = (n: number) => String(n).padStart(2, "0");

/** The `count` months up to and including today's, oldest first ("2026-01" … "2026-12"). */
export function lastMonths(today: string, count: number): string[] {
  const index = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1;
  return Array.from({ length: count }, (_, i) => {
    const m = index - (count - 1) + i;
    return `${Math.floor(m / 12)}-${pad((m % 12) + 1)}`;
  });
}

/** The first and last calendar day of a span of months. */
export function monthsRange(months: readonly string[]): { from: string; to: string } {
  const first = months[0] ?? "1970-01";
  const last = months.at(-1) ?? first;
  const [y, m] = last.split("-").map(Number) as [number, number];
  return { from: `${first}-01`, to: `${last}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}` };
}

/** Currencies with spending, the most used first; a chart shows one at a time (never converted). */
export function currenciesOf(rows: readonly Row[]): string[] {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.currency, (counts.get(row.currency) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([currency]) => currency);
}

const sum = (rows: readonly Row[]) => rows.reduce((total, row) => total + parseAmount(row.amount, row.currency), 0n);

/** One bar per month (months without spending are 0). */
export function spendingByMonth(rows: readonly Row[], currency: string, months: readonly string[]): { month: string; minor: bigint }[] {
  return months.map((month) => ({ month, minor: sum(rows.filter((row) => row.currency === currency && row.month === month)) }));
}

/** Categories by spending, largest first. */
export function spendingByCategory(rows: readonly Row[], currency: string): { category: string; minor: bigint }[] {
  const byCategory = new Map<string, Row[]>();
  for (const row of rows) if (row.currency === currency) byCategory.set(row.category, [...(byCategory.get(row.category) ?? []), row]);
  return [...byCategory]
    .map(([category, list]) => ({ category, minor: sum(list) }))
    .sort((a, b) => (a.minor === b.minor ? a.category.localeCompare(b.category) : a.minor > b.minor ? -1 : 1));
}

/** Major units as a number, for chart geometry only (labels are formatted from the exact minor units). */
export function chartValue(minor: bigint, currency: string): number {
  return Number(minor) / 10 ** currencyExponent(currency);
}

/** Merchants by spending in one currency, from a bounded set of expenses. */
export function topMerchants(
  items: readonly { merchant?: string | undefined; amount: string; currency: string }[],
  currency: string,
  limit = 5,
): { merchant: string; minor: bigint; count: number }[] {
  const byMerchant = new Map<string, { minor: bigint; count: number }>();
  for (const item of items) {
    if (item.currency !== currency || !item.merchant) continue;
    const entry = byMerchant.get(item.merchant) ?? { minor: 0n, count: 0 };
    byMerchant.set(item.merchant, { minor: entry.minor + parseAmount(item.amount, item.currency), count: entry.count + 1 });
  }
  return [...byMerchant]
    .map(([merchant, entry]) => ({ merchant, ...entry }))
    .sort((a, b) => (a.minor === b.minor ? a.merchant.localeCompare(b.merchant) : a.minor > b.minor ? -1 : 1))
    .slice(0, limit);
}
