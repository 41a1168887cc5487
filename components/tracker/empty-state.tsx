/** Shown when the user has no expenses at all. */
export function EmptyState() {
  return (
    <section className="flex flex-col items-center gap-3 rounded-2xl border border-dashed border-slate-300 bg-white dark:border-slate-700 dark:bg-slate-900 px-6 py-14 text-center">
      <svg viewBox="0 0 48 48" className="size-12 text-emerald-700" aria-hidden>
        <rect x="8" y="6" width="32" height="36" rx="4" fill="none" stroke="currentColor" strokeWidth="2.5" />
        <path d="M15 16h18M15 23h18M15 30h10" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
      </svg>
      <h2 className="text-lg font-semibold">No expenses yet</h2>
      <p className="max-w-sm text-sm text-slate-600 dark:text-slate-400">
        Your expenses will appear here, newest first, with totals by month and category.
      </p>
    </section>
  );
}
