"use client";

import { useRef, useState, type FormEvent } from "react";
import { DEFAULT_CURRENCY } from "@/lib/client/expense-form-options";
import type { ExpenseFormValues } from "@/lib/client/expense-patch";
import type { NewExpenseBody } from "@/lib/client/expenses-api";
import { formatMoney, localToday } from "@/lib/client/format-expense";
import { useAddExpense } from "@/lib/client/use-add-expense";
import type { ExpenseJson } from "@/lib/schemas";
import { FormMessage, SubmitButton } from "../ui/field";
import { EXPENSE_FIELDS, ExpenseFields, unplacedErrorsText } from "./expense-fields";
import { expenseTitle } from "./expense-title";

type Values = ExpenseFormValues;

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
    setMessage({ tone: "error", text: result.message ?? unplacedErrorsText(result.fieldErrors) });
    const firstInvalid = EXPENSE_FIELDS.find((name) => result.fieldErrors[name]);
    if (firstInvalid) document.getElementById(`expense-${firstInvalid}`)?.focus();
  };

  return (
    <section aria-labelledby="add-expense-heading" className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <h2 id="add-expense-heading" className="text-lg font-semibold">
        Add an expense
      </h2>
      <form className="mt-4 grid grid-cols-2 gap-4 lg:grid-cols-12" onSubmit={(event) => void onSubmit(event)} noValidate>
        <ExpenseFields
          idPrefix="expense"
          values={values}
          errors={fieldErrors}
          onChange={(name, value) => setValues((prev) => ({ ...prev, [name]: value }))}
          amountRef={amountRef}
        />
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
