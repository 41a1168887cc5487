import type { ComponentPropsWithRef } from "react";

type Variant = "secondary" | "danger" | "quiet" | "quiet-danger";

const VARIANTS: Record<Variant, string> = {
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800",
  danger: "bg-red-700 text-white hover:bg-red-800",
  quiet: "text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white",
  // Its own variant: a colour passed in className would lose to quiet's (utilities of one property sort by name).
  "quiet-danger": "text-red-800 hover:bg-red-50 hover:text-red-900 dark:text-red-300 dark:hover:bg-red-950 dark:hover:text-red-200",
};

type ButtonProps = ComponentPropsWithRef<"button"> & { variant?: Variant; busy?: boolean; size?: "md" | "sm" };

/** A non-submitting button; `busy` disables it and sets aria-busy while its action runs. */
export function Button({ variant = "secondary", busy = false, size = "md", className = "", disabled, type = "button", children, ...rest }: ButtonProps) {
  const height = size === "sm" ? "h-9 px-3 text-sm" : "h-11 px-4";
  return (
    <button
      type={type}
      disabled={disabled === true || busy}
      aria-busy={busy || undefined}
      className={`inline-flex shrink-0 items-center justify-center gap-2 whitespace-nowrap rounded-lg font-medium transition focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-emerald-700 dark:focus-visible:outline-emerald-400 disabled:cursor-not-allowed disabled:opacity-60 ${height} ${VARIANTS[variant]} ${className}`}
      {...rest}
    >
      {busy ? <span className="size-4 animate-spin rounded-full border-2 border-current/30 border-t-current" aria-hidden /> : null}
      {children}
    </button>
  );
}
