import { displayAmount } from "@/lib/money";
import { userLocale } from "@/client/expenses/format-expense";
import type { BudgetProgress } from "@/client/summary/budget-progress";

const BAR = { ok: "bg-emerald-600", warning: "bg-amber-500", over: "bg-red-600" } as const;

function statusText(progress: BudgetProgress): string {
  const { spentMinor, limitMinor, currency, level } = progress;
  if (level === "over") return `Over budget by ${displayAmount(spentMinor - limitMinor, currency, userLocale())}`;
  if (level === "warning") return "Nearly reached";
  return `${displayAmount(limitMinor - spentMinor, currency, userLocale())} left`;
}

/** Monthly budgets with bars; the state is in words too (never colour alone). */
export function BudgetBars({ items, caption }: { items: readonly BudgetProgress[]; caption: string }) {
  if (items.length === 0) return null;
  return (
    <div className="flex flex-col gap-3">
      <h3 className="text-sm font-semibold text-slate-700 dark:text-slate-200">{caption}</h3>
      <ul className="flex flex-col gap-3">
        {items.map((item) => (
          <li key={`${item.category}-${item.currency}`} className="flex flex-col gap-1 text-sm" data-testid="budget-progress">
            <div className="flex flex-wrap items-baseline justify-between gap-x-3">
              <span className="font-medium">
                {item.category} <span className="text-slate-500 dark:text-slate-400">({item.currency})</span>
              </span>
              <span className="tabular-nums">
                {displayAmount(item.spentMinor, item.currency, userLocale())} of {displayAmount(item.limitMinor, item.currency, userLocale())} ({Math.round(item.percent)}%)
              </span>
            </div>
            <div aria-hidden className="h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700">
              <div className={`h-full rounded-full ${BAR[item.level]}`} style={{ width: `${Math.min(100, item.percent)}%` }} />
            </div>
            <p
              className={
                item.level === "over"
                  ? "font-semibold text-red-700 dark:text-red-300"
                  : item.level === "warning"
                    ? "font-medium text-amber-800 dark:text-amber-300"
                    : "text-slate-600 dark:text-slate-400"
              }
            >
              {item.level === "over" ? "⚠ " : item.level === "warning" ? "! " : ""}
              {statusText(item)}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
