import { displayAmount, parseAmount } from "@/lib/money";
import { userLocale } from "./format-expense";

type Amounted = { amount: string; currency: string };

/** Sums amounts per currency in minor units (exact; currencies are never added together). */
export function totalsByCurrency(items: readonly Amounted[]): { currency: string; minor: bigint }[] {
  const sums = new Map<string, bigint>();
  for (const { amount, currency } of items) sums.set(currency, (sums.get(currency) ?? 0n) + parseAmount(amount, currency));
  return [...sums].map(([currency, minor]) => ({ currency, minor })).sort((a, b) => a.currency.localeCompare(b.currency));
}

/** "€12.50 · JP¥1,200": a total per currency, for a caption. */
export function formatTotals(totals: readonly { currency: string; minor: bigint }[], locale = userLocale()): string {
  return totals.map(({ currency, minor }) => displayAmount(minor, currency, locale)).join(" · ");
}

export type DayGroup<T> = { date: string; items: T[]; totals: { currency: string; minor: bigint }[] };

/** Consecutive expenses of one date, in list order (newest first), with the day's totals per currency. */
export function groupByDay<T extends Amounted & { date: string }>(items: readonly T[]): DayGroup<T>[] {
  const groups: { date: string; items: T[] }[] = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (last && last.date === item.date) last.items.push(item);
    else groups.push({ date: item.date, items: [item] });
  }
  return groups.map((group) => ({ ...group, totals: totalsByCurrency(group.items) }));
}
