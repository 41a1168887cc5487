import type { ReactNode } from "react";

/** A fixed corner for short-lived notices; announced politely, never stealing focus. */
export function ToastRegion({ children }: { children: ReactNode }) {
  return (
    <div role="status" aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-4 z-30 flex flex-col items-center gap-2 px-4">
      {children}
    </div>
  );
}

export function Toast({ tone = "info", children }: { tone?: "info" | "error"; children: ReactNode }) {
  const style =
    tone === "error"
      ? "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
      : "border-slate-700 bg-slate-900 text-white dark:border-slate-600 dark:bg-slate-800";
  return <div className={`pointer-events-auto flex w-full max-w-md items-center gap-3 rounded-xl border px-4 py-3 text-sm shadow-lg ${style}`}>{children}</div>;
}
