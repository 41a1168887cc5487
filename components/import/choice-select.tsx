import type { ComponentPropsWithRef, ReactNode } from "react";
import { controlClass, describedBy, FieldNotes, fieldId } from "../ui/field";
import type { Choice } from "./settings-options";

type ChoiceSelectProps = Omit<ComponentPropsWithRef<"select">, "onChange"> & {
  label: string;
  choices: readonly Choice[];
  hint?: ReactNode;
  error?: string | null;
  /** Marks a setting detection guessed: the control gets an amber ring until the user has looked at it. */
  isGuessed?: boolean;
  onChange: (value: string) => void;
};

/** A native select whose options have a value and a label (SelectField's options are their own labels). */
export function ChoiceSelect({ label, choices, hint, error, isGuessed = false, id, onChange, className = "", ...select }: ChoiceSelectProps) {
  const selectId = id ?? fieldId(label);
  return (
    <div className={`flex min-w-0 flex-col gap-1.5 ${className}`}>
      <label htmlFor={selectId} className="text-sm font-medium text-slate-700 dark:text-slate-200">
        {label}
        {isGuessed ? <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900 dark:bg-amber-900 dark:text-amber-100">guessed</span> : null}
      </label>
      <select
        id={selectId}
        aria-describedby={describedBy(selectId, hint, error)}
        aria-invalid={error ? true : undefined}
        className={`${controlClass(Boolean(error))} ${isGuessed && !error ? "ring-2 ring-amber-400/70" : ""}`}
        onChange={(event) => onChange(event.target.value)}
        {...select}
      >
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
      <FieldNotes id={selectId} hint={hint} error={error} />
    </div>
  );
}
