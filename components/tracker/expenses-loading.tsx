/** Placeholder rows while the first page loads; only the status text is announced. */
export function ExpensesLoading() {
  return (
    <div role="status" className="overflow-hidden rounded-2xl border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900">
      <p className="px-4 pt-3 text-sm text-slate-500 dark:text-slate-400">Loading your expenses…</p>
      <ul aria-hidden className="divide-y divide-slate-100 dark:divide-slate-800">
        {[0, 1, 2].map((row) => (
          <li key={row} className="flex items-center gap-4 px-4 py-4">
            <div className="flex flex-1 flex-col gap-2">
              <span className="h-4 w-2/5 animate-pulse rounded bg-slate-200 dark:bg-slate-700" />
              <span className="h-3 w-1/4 animate-pulse rounded bg-slate-100 dark:bg-slate-800" />
            </div>
            <span className="h-4 w-16 animate-pulse rounded bg-slate-200 dark:bg-slate-700" />
          </li>
        ))}
      </ul>
    </div>
  );
}
