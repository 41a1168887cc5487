"use client";

import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useState } from "react";
import { describeApiError } from "@/client/api/describe-api-error";
import { listExpenses } from "@/client/expenses/expenses-api";
import { localToday } from "@/client/expenses/format-expense";
import { budgetProgress } from "@/client/summary/budget-progress";
import { chartValue, currenciesOf, lastMonths, monthsRange, spendingByCategory, spendingByMonth, topMerchants } from "@/client/summary/insights-data";
import { useSummary } from "@/client/summary/use-summary";
import { useBudgets, useMe, useSettings } from "@/client/settings/use-settings";
import { displayAmount } from "@/lib/money";
import { userLocale } from "@/client/expenses/format-expense";
import type { ExpenseJson } from "@/lib/schemas";
import { AppHeader } from "../app-header";
import { BudgetBars } from "../budget-bars";
import { FormMessage } from "../ui/field";
import { SelectField } from "../ui/select-field";
import { ChartCard, DataTable } from "./chart-card";

const chartPlaceholder = () => <div className="h-56 w-full animate-pulse rounded-xl bg-slate-100 dark:bg-slate-800" />;
const MonthBars = dynamic(() => import("./charts").then((m) => m.MonthBars), { ssr: false, loading: chartPlaceholder });
const CategoryDonut = dynamic(() => import("./charts").then((m) => m.CategoryDonut), { ssr: false, loading: chartPlaceholder });

/** Top merchants read at most this many expenses of the period (the summary has no merchants). */
const MERCHANT_SAMPLE = 300;

async function recentExpenses(from: string, to: string): Promise<{ items: ExpenseJson[]; isComplete: boolean }> {
  const items: ExpenseJson[] = [];
  let cursor: string | null = null;
  do {
    const page = await listExpenses(new URLSearchParams({ from, to }), cursor, 100);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < MERCHANT_SAMPLE);
  return { items, isComplete: cursor === null };
}

function monthLabel(month: string, style: "short" | "long" = "short"): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Intl.DateTimeFormat(undefined, { month: style, year: style === "long" ? "numeric" : "2-digit", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, 1)));
}

export function InsightsHome() {
  const [today] = useState(() => localToday(new Date()));
  const months = lastMonths(today, 12);
  const range = monthsRange(months);
  const me = useMe();
  const settings = useSettings();
  const budgets = useBudgets();
  const summary = useSummary(range);
  const thisMonth = months.at(-1) ?? today.slice(0, 7);
  const lastMonth = months.at(-2) ?? thisMonth;
  const merchantRange = monthsRange([lastMonth, thisMonth]);
  const merchants = useQuery({ queryKey: ["expenses", "merchants", merchantRange.from, merchantRange.to], queryFn: () => recentExpenses(merchantRange.from, merchantRange.to) });
  const totals = summary.data?.totals ?? [];
  const currencies = currenciesOf(totals);
  const [picked, setPicked] = useState<string | null>(null);
  const preferred = settings.data?.defaultCurrency;
  const currency = picked && currencies.includes(picked) ? picked : preferred && currencies.includes(preferred) ? preferred : (currencies[0] ?? preferred ?? "EUR");
  const money = (minor: bigint) => displayAmount(minor, currency, userLocale());

  const byMonth = spendingByMonth(totals, currency, months);
  const byCategory = spendingByCategory(totals, currency);
  const current = byMonth.at(-1)?.minor ?? 0n;
  const previous = byMonth.at(-2)?.minor ?? 0n;
  const top = merchants.data ? topMerchants(merchants.data.items, currency) : [];
  const progress = budgetProgress(
    (budgets.data?.budgets ?? []).filter((b) => b.currency === currency),
    totals.filter((row) => row.month === thisMonth),
  );

  return (
    <>
      <AppHeader email={me.data?.email ?? null} />
      <main className="mx-auto flex max-w-5xl flex-col gap-6 px-4 py-6">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight">Insights</h1>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
              The last 12 months, in one currency at a time: amounts are never converted.
            </p>
          </div>
          {currencies.length > 1 ? (
            <div className="w-40">
              <SelectField label="Currency" options={currencies} value={currency} onChange={(event) => setPicked(event.target.value)} />
            </div>
          ) : null}
        </div>
        {summary.isError ? <FormMessage tone="error">{describeApiError(summary.error, "loading your totals")}</FormMessage> : null}
        {summary.isPending ? (
          <div role="status" className="grid gap-4 sm:grid-cols-2">
            <span className="sr-only">Loading your insights…</span>
            {[0, 1, 2, 3].map((i) => (
              <div key={i} className="h-72 animate-pulse rounded-2xl bg-slate-200/70 dark:bg-slate-800" />
            ))}
          </div>
        ) : summary.data && currencies.length === 0 ? (
          <section className="rounded-2xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center dark:border-slate-700 dark:bg-slate-900">
            <h2 className="text-lg font-semibold">Nothing to chart yet</h2>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Add expenses on the Expenses page and they will show up here.</p>
          </section>
        ) : summary.data ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <section aria-labelledby="month-vs" className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:col-span-2 dark:border-slate-700 dark:bg-slate-900">
              <h2 id="month-vs" className="text-base font-semibold">
                This month vs last month ({currency})
              </h2>
              <dl className="mt-2 grid grid-cols-2 gap-4">
                <div>
                  <dt className="text-sm text-slate-600 dark:text-slate-400">{monthLabel(thisMonth, "long")}</dt>
                  <dd className="text-2xl font-semibold tabular-nums" data-testid="this-month-total">
                    {money(current)}
                  </dd>
                </div>
                <div>
                  <dt className="text-sm text-slate-600 dark:text-slate-400">{monthLabel(lastMonth, "long")}</dt>
                  <dd className="text-2xl font-semibold tabular-nums">{money(previous)}</dd>
                </div>
              </dl>
              <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
                {current === previous ? "The same as last month." : current > previous ? `${money(current - previous)} more than last month.` : `${money(previous - current)} less than last month.`}
              </p>
              {progress.length > 0 ? (
                <div className="mt-4 border-t border-slate-100 pt-4 dark:border-slate-800">
                  <BudgetBars items={progress} caption={`Budgets for ${monthLabel(thisMonth, "long")}`} />
                </div>
              ) : null}
            </section>
            <ChartCard
              title={`Spending by month (${currency})`}
              description="The last 12 months"
              chart={<MonthBars data={byMonth.map(({ month, minor }) => ({ label: monthLabel(month), value: chartValue(minor, currency), text: money(minor) }))} />}
              table={<DataTable caption={`Spending by month in ${currency}`} head={["Month", "Spent"]} rows={byMonth.map(({ month, minor }) => [monthLabel(month, "long"), money(minor)])} />}
            />
            <ChartCard
              title={`By category (${currency})`}
              description="The last 12 months"
              chart={<CategoryDonut data={byCategory.map(({ category, minor }) => ({ label: category, value: chartValue(minor, currency), text: money(minor) }))} />}
              table={<DataTable caption={`Spending by category in ${currency}`} head={["Category", "Spent"]} rows={byCategory.map(({ category, minor }) => [category, money(minor)])} />}
            />
            <section aria-labelledby="top-merchants" className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:col-span-2 dark:border-slate-700 dark:bg-slate-900">
              <h2 id="top-merchants" className="text-base font-semibold">
                Top merchants ({currency})
              </h2>
              <p className="text-xs text-slate-500 dark:text-slate-400">
                This month and last month
                {merchants.data && !merchants.data.isComplete ? `, from your latest ${merchants.data.items.length} expenses` : ""}.
              </p>
              {merchants.isPending ? (
                <p className="mt-2 text-sm text-slate-500 dark:text-slate-400">Loading…</p>
              ) : top.length === 0 ? (
                <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">No expenses with a merchant in this period.</p>
              ) : (
                <DataTable caption={`Top merchants in ${currency}`} head={["Merchant", "Spent"]} rows={top.map((m) => [`${m.merchant} (${m.count})`, money(m.minor)])} />
              )}
            </section>
          </div>
        ) : null}
      </main>
    </>
  );
}
