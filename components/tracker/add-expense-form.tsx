"use client";

import { useRef, useState, type FormEvent } from "react";
import { CATEGORY_OPTIONS, CURRENCY_OPTIONS, DEFAULT_CURRENCY } from "@/lib/client/expense-form-options";
import type { NewExpenseBody } from "@/lib/client/expenses-api";
import { formatMoney, localToday } from "@/lib/client/format-expense";
import { useAddExpense } from "@/lib/client/use-add-expense";
import type { ExpenseJson } from "@/lib/schemas";
import { Field, FormMessage, SubmitButton } from "../ui/field";
import { SelectField } from "../ui/select-field";
import { expenseTitle } from "./expense-title";

type Values = { date: string; amount: string; currency: string; category: string; description: string; merchant: string };

const FIELDS = ["date", "amount", "currency", "category", "description", "merchant"] as const;

function initialValues(): Values {
  return { date: localToday(new Date()), amount: "", currency: DEFAULT_CURRENCY, category: "Food", description: "", merchant: "" };
}

function toBody(values: Values): NewExpenseBody {
  const merchant = values.merchant.trim();
  return {
    date: values.date,
    amount: values.amount.trim(),
    currency: values.currency,
    category: values.category,
    description: values.description.trim(),
    ...(merchant ? { merchant } : {}),
  };
}

/** The add form. A 422's field messages appear under their fields; after a save the per-expense fields clear. */
export function AddExpenseForm({ onAdded }: { onAdded: (expense: ExpenseJson) => void }) {
  const { add, isSaving } = useAddExpense();
  const [values, setValues] = useState<Values>(initialValues);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: "error" | "info"; text: string } | null>(null);
  const amountRef = useRef<HTMLInputElement>(null);

  const bind = (name: keyof Values) => ({
    name,
    value: values[name],
    error: fieldErrors[name],
    onChange: (event: { target: { value: string } }) => setValues((prev) => ({ ...prev, [name]: event.target.value })),
  });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await add(toBody(values));
    if (!result) return;
    if (result.ok) {
      const { expense } = result;
      onAdded(expense);
      setValues((prev) => ({ ...prev, amount: "", description: "", merchant: "" }));
      setFieldErrors({});
      setMessage({ tone: "info", text: `Added ${expenseTitle(expense)}, ${formatMoney(expense.amount, expense.currency)}.` });
      amountRef.current?.focus();
      return;
    }
    setFieldErrors(result.fieldErrors);
    const unplaced = Object.entries(result.fieldErrors).filter(([path]) => !(FIELDS as readonly string[]).includes(path));
    const text = result.message ?? (unplaced.length > 0 ? unplaced.map(([path, text]) => `${path}: ${text}`).join(" ") : "Check the highlighted fields.");
    setMessage({ tone: "error", text });
    const firstInvalid = FIELDS.find((name) => result.fieldErrors[name]);
    if (firstInvalid) document.getElementById(`expense-${firstInvalid}`)?.focus();
  };

  return (
    <section aria-labelledby="add-expense-heading" className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <h2 id="add-expense-heading" className="text-lg font-semibold">
        Add an expense
      </h2>
      <form className="mt-4 grid grid-cols-2 gap-4 lg:grid-cols-12" onSubmit={(event) => void onSubmit(event)} noValidate>
        <div className="col-span-2 lg:col-span-3">
          <Field id="expense-date" label="Date" type="date" required {...bind("date")} />
        </div>
        <div className="lg:col-span-3">
          <Field
            id="expense-amount"
            ref={amountRef}
            label="Amount"
            inputMode="decimal"
            autoComplete="off"
            placeholder="0.00"
            required
            {...bind("amount")}
          />
        </div>
        <div className="lg:col-span-2">
          <SelectField id="expense-currency" label="Currency" options={CURRENCY_OPTIONS} {...bind("currency")} />
        </div>
        <div className="col-span-2 lg:col-span-4">
          <SelectField id="expense-category" label="Category" options={CATEGORY_OPTIONS} {...bind("category")} />
        </div>
        <div className="col-span-2 lg:col-span-5">
          <Field id="expense-description" label="Description" autoComplete="off" placeholder="Lunch with Sam" {...bind("description")} />
        </div>
        <div className="col-span-2 lg:col-span-4">
          <Field id="expense-merchant" label="Merchant" hint="Optional" autoComplete="off" {...bind("merchant")} />
        </div>
        {message ? (
          <div className="col-span-2 lg:order-last lg:col-span-12">
            <FormMessage tone={message.tone}>{message.text}</FormMessage>
          </div>
        ) : null}
        {/* From lg up the button sits beside Merchant, level with the inputs (label height + gap above it). */}
        <div className="col-span-2 flex flex-col lg:col-span-3 lg:pt-[1.625rem]">
          <SubmitButton busy={isSaving}>Add expense</SubmitButton>
        </div>
      </form>
    </section>
  );
}
