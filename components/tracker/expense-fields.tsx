import type { ReactNode } from "react";
import type { FieldErrors, UseFormRegister } from "react-hook-form";
import { CURRENCY_OPTIONS } from "@/client/expenses/expense-form-options";
import type { ExpenseFormValues } from "@/client/expenses/expense-patch";
import { sentence } from "@/client/api/field-errors";
import { Field } from "../ui/field";
import { SelectField } from "../ui/select-field";
import { CategoryField } from "./category-field";

/** The fields in the order they are shown; a form focuses the first invalid one. */
export const EXPENSE_FIELDS = ["date", "amount", "currency", "category", "description", "merchant"] as const;

type Props = {
  /** Prefix of the controls' ids (`${idPrefix}-amount`), unique on the page. */
  idPrefix: string;
  register: UseFormRegister<ExpenseFormValues>;
  errors: FieldErrors<ExpenseFormValues>;
  /** The category picker's options, recent ones first; any other valid name can be typed. */
  categories: readonly string[];
  /** A note under a field (the add form marks what a receipt scan filled in). */
  hints?: Partial<Record<keyof ExpenseFormValues, ReactNode>>;
};

/** Date, amount, currency, category, description and merchant, laid out for a 2-column / lg 12-column grid. */
export function ExpenseFields({ idPrefix, register, errors, categories, hints = {} }: Props) {
  const bind = (name: keyof ExpenseFormValues) => {
    const message = errors[name]?.message;
    return { id: `${idPrefix}-${name}`, error: message ? sentence(message) : undefined, hint: hints[name], ...register(name) };
  };
  return (
    <>
      <div className="col-span-2 lg:col-span-3">
        <Field label="Date" type="date" required {...bind("date")} />
      </div>
      <div className="lg:col-span-3">
        <Field label="Amount" inputMode="decimal" autoComplete="off" placeholder="0.00" required {...bind("amount")} />
      </div>
      <div className="lg:col-span-2">
        <SelectField label="Currency" options={CURRENCY_OPTIONS} {...bind("currency")} />
      </div>
      <div className="col-span-2 lg:col-span-4">
        <CategoryField label="Category" options={categories} {...bind("category")} />
      </div>
      <div className="col-span-2 lg:col-span-5">
        <Field label="Description" autoComplete="off" placeholder="Lunch with Sam" {...bind("description")} />
      </div>
      <div className="col-span-2 lg:col-span-4">
        <Field label="Merchant" autoComplete="off" {...bind("merchant")} hint={hints.merchant ?? "Optional"} />
      </div>
    </>
  );
}

/** The text for a 422 whose messages do not all belong to a shown field, else a pointer to the fields. */
export function unplacedErrorsText(errors: Record<string, string>): string {
  const unplaced = Object.entries(errors).filter(([path]) => !(EXPENSE_FIELDS as readonly string[]).includes(path));
  return unplaced.length > 0 ? unplaced.map(([path, text]) => `${path}: ${text}`).join(" ") : "Check the highlighted fields.";
}
