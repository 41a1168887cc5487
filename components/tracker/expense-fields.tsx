import type { Ref } from "react";
import { CATEGORY_OPTIONS, CURRENCY_OPTIONS } from "@/lib/client/expense-form-options";
import type { ExpenseFormValues } from "@/lib/client/expense-patch";
import { Field } from "../ui/field";
import { SelectField } from "../ui/select-field";

/** The fields in the order they are shown; a form focuses the first invalid one. */
export const EXPENSE_FIELDS = ["date", "amount", "currency", "category", "description", "merchant"] as const;

type Props = {
  /** Prefix of the controls' ids (`${idPrefix}-amount`), unique on the page. */
  idPrefix: string;
  values: ExpenseFormValues;
  errors: Record<string, string>;
  onChange: (name: keyof ExpenseFormValues, value: string) => void;
  amountRef?: Ref<HTMLInputElement>;
};

/** Date, amount, currency, category, description and merchant, laid out for a 2-column / lg 12-column grid. */
export function ExpenseFields({ idPrefix, values, errors, onChange, amountRef }: Props) {
  const bind = (name: keyof ExpenseFormValues) => ({
    id: `${idPrefix}-${name}`,
    name,
    value: values[name],
    error: errors[name],
    onChange: (event: { target: { value: string } }) => onChange(name, event.target.value),
  });
  return (
    <>
      <div className="col-span-2 lg:col-span-3">
        <Field label="Date" type="date" required {...bind("date")} />
      </div>
      <div className="lg:col-span-3">
        <Field ref={amountRef} label="Amount" inputMode="decimal" autoComplete="off" placeholder="0.00" required {...bind("amount")} />
      </div>
      <div className="lg:col-span-2">
        <SelectField label="Currency" options={CURRENCY_OPTIONS} {...bind("currency")} />
      </div>
      <div className="col-span-2 lg:col-span-4">
        <SelectField label="Category" options={CATEGORY_OPTIONS} {...bind("category")} />
      </div>
      <div className="col-span-2 lg:col-span-5">
        <Field label="Description" autoComplete="off" placeholder="Lunch with Sam" {...bind("description")} />
      </div>
      <div className="col-span-2 lg:col-span-4">
        <Field label="Merchant" hint="Optional" autoComplete="off" {...bind("merchant")} />
      </div>
    </>
  );
}

/** The text for a 422 whose messages do not all belong to a shown field, else a pointer to the fields. */
export function unplacedErrorsText(errors: Record<string, string>): string {
  const unplaced = Object.entries(errors).filter(([path]) => !(EXPENSE_FIELDS as readonly string[]).includes(path));
  return unplaced.length > 0 ? unplaced.map(([path, text]) => `${path}: ${text}`).join(" ") : "Check the highlighted fields.";
}
