import type { ComponentPropsWithRef, ReactNode } from "react";

type FieldProps = ComponentPropsWithRef<"input"> & { label: string; hint?: ReactNode; error?: string | null };

/** Classes shared by text inputs and selects; `invalid` switches to the error colours. */
export function controlClass(invalid: boolean): string {
  const tone = invalid
    ? "border-red-500 focus:border-red-600 focus:ring-red-600/30 dark:border-red-400"
    : "border-slate-300 focus:border-emerald-600 focus:ring-emerald-600/30 dark:border-slate-600";
  return `h-11 w-full min-w-0 rounded-lg border bg-white px-3 text-base text-slate-900 shadow-sm outline-none transition focus:ring-2 disabled:bg-slate-100 dark:bg-slate-900 dark:text-slate-100 dark:[color-scheme:dark] ${tone}`;
}

/** The id a Field or SelectField gives its control when none is passed ("Date" -> "field-date"). */
export function fieldId(label: string): string {
  return `field-${label.toLowerCase().replace(/\W+/g, "-")}`;
}

/** Hint and error under a control; the error is announced and referenced by aria-describedby. */
export function FieldNotes({ id, hint, error }: { id: string; hint?: ReactNode; error?: string | null }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </>
  );
}

export function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

export function Field({ label, hint, error, id, ...input }: FieldProps) {
  const inputId = id ?? fieldId(label);
  return (
    <div className="flex min-w-0 flex-col gap-1.5">
      <label htmlFor={inputId} className="text-sm font-medium text-slate-700 dark:text-slate-200">
        {label}
      </label>
      <input
        id={inputId}
        aria-describedby={describedBy(inputId, hint, error)}
        aria-invalid={error ? true : undefined}
        className={controlClass(Boolean(error))}
        {...input}
      />
      <FieldNotes id={inputId} hint={hint} error={error} />
    </div>
  );
}

export function SubmitButton({ busy, children }: { busy: boolean; children: ReactNode }) {
  return (
    <button
      type="submit"
      disabled={busy}
      aria-busy={busy}
      className="inline-flex h-11 items-center justify-center gap-2 whitespace-nowrap rounded-lg bg-emerald-700 px-4 font-semibold text-white shadow-sm transition hover:bg-emerald-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-emerald-700 dark:focus-visible:outline-emerald-400 disabled:cursor-wait disabled:opacity-70"
    >
      {busy ? <span className="size-4 animate-spin rounded-full border-2 border-white/40 border-t-white" aria-hidden /> : null}
      {children}
    </button>
  );
}

export function LinkButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      onClick={onClick}
      className="text-sm font-medium text-emerald-800 underline-offset-4 dark:text-emerald-300 hover:underline focus-visible:outline-2 focus-visible:outline-emerald-700 dark:focus-visible:outline-emerald-400"
    >
      {children}
    </button>
  );
}

export function FormMessage({ tone, children }: { tone: "error" | "info"; children: ReactNode }) {
  const style = tone === "error" ? "border-red-200 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200" : "border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100";
  return (
    <p role={tone === "error" ? "alert" : "status"} className={`rounded-lg border px-3 py-2 text-sm ${style}`}>
      {children}
    </p>
  );
}
