import type { ComponentPropsWithRef, ReactNode } from "react";
import { controlClass, describedBy, FieldNotes, fieldId } from "./field";

type SelectFieldProps = ComponentPropsWithRef<"select"> & {
  label: string;
  options: readonly string[];
  hint?: ReactNode;
  error?: string | null;
};

/** A labelled native select (native so phones show their own picker and the keyboard works as expected). */
export function SelectField({ label, options, hint, error, id, ...select }: SelectFieldProps) {
  const selectId = id ?? fieldId(label);
  return (
    <div className="flex min-w-0 flex-col gap-1.5">
      <label htmlFor={selectId} className="text-sm font-medium text-slate-700 dark:text-slate-200">
        {label}
      </label>
      <select
        id={selectId}
        aria-describedby={describedBy(selectId, hint, error)}
        aria-invalid={error ? true : undefined}
        className={controlClass(Boolean(error))}
        {...select}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
      <FieldNotes id={selectId} hint={hint} error={error} />
    </div>
  );
}
