"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { expenseBody, ExpenseFormSchema } from "@/client/expenses/expense-form-schema";
import type { ExpenseFormValues } from "@/client/expenses/expense-patch";
import { formatMoney, localToday } from "@/client/expenses/format-expense";
import { useAddExpense } from "@/client/expenses/use-add-expense";
import type { NewExpense } from "@/lib/schemas";
import { Button } from "../ui/button";
import { FormMessage, SubmitButton } from "../ui/field";
import { EXPENSE_FIELDS, ExpenseFields, unplacedErrorsText } from "./expense-fields";
import { expenseTitle } from "./expense-title";

type Props = { defaultCurrency: string; categories: readonly string[] };

/**
 * The add form. The shared schema checks it before any request; a server 422 lands on the same fields. After a
 * save the per-expense fields clear and date, currency and category stay for the next entry. On a phone it
 * starts collapsed to an "Add expense" button.
 */
export function AddExpenseForm({ defaultCurrency, categories }: Props) {
  const { add, isSaving } = useAddExpense();
  const [message, setMessage] = useState<{ tone: "error" | "info"; text: string } | null>(null);
  const [isOpenOnPhone, setIsOpenOnPhone] = useState(false);
  const form = useForm<ExpenseFormValues, unknown, NewExpense>({
    resolver: zodResolver(ExpenseFormSchema),
    defaultValues: { date: localToday(new Date()), amount: "", currency: defaultCurrency, category: categories[0] ?? "Food", description: "", merchant: "" },
    shouldFocusError: true,
  });
  const { register, handleSubmit, formState, setError, resetField, getValues, setValue, setFocus } = form;

  // The saved default currency arrives after the form: it applies until the person picks one.
  useEffect(() => {
    if (!formState.dirtyFields.currency) resetField("currency", { defaultValue: defaultCurrency });
  }, [defaultCurrency, formState.dirtyFields.currency, resetField]);

  const onValid = async () => {
    const values = getValues();
    setMessage(null);
    const result = await add(expenseBody(values));
    if (!result) return;
    if (result.ok) {
      const { expense } = result;
      // The list showed it at once, so the next entry may already be typed: clear only what still holds this one.
      const now = getValues();
      const cleared = (["amount", "description", "merchant"] as const).filter((name) => now[name] === values[name]);
      for (const name of cleared) setValue(name, "");
      setMessage({ tone: "info", text: `Added ${expenseTitle(expense)}, ${formatMoney(expense.amount, expense.currency)}.` });
      if (cleared.includes("amount") && document.activeElement?.closest("#add-expense-form")) setFocus("amount");
      return;
    }
    for (const [path, text] of Object.entries(result.fieldErrors)) {
      if ((EXPENSE_FIELDS as readonly string[]).includes(path)) setError(path as keyof ExpenseFormValues, { type: "server", message: text });
    }
    setMessage({ tone: "error", text: result.message ?? unplacedErrorsText(result.fieldErrors) });
    const firstInvalid = EXPENSE_FIELDS.find((name) => result.fieldErrors[name]);
    if (firstInvalid) setFocus(firstInvalid);
  };

  return (
    <section aria-labelledby="add-expense-heading" className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5 dark:border-slate-700 dark:bg-slate-900">
      <div className="flex items-center justify-between gap-3">
        <h2 id="add-expense-heading" className="text-lg font-semibold">
          Add an expense
        </h2>
        <Button size="sm" className="sm:hidden" aria-expanded={isOpenOnPhone} aria-controls="add-expense-form" onClick={() => setIsOpenOnPhone((open) => !open)}>
          {isOpenOnPhone ? "Close" : "Add expense"}
        </Button>
      </div>
      <form
        id="add-expense-form"
        className={`mt-4 grid-cols-2 gap-4 sm:grid lg:grid-cols-12 ${isOpenOnPhone ? "grid" : "hidden"}`}
        onSubmit={(event) => void handleSubmit(onValid, () => setMessage(null))(event)}
        noValidate
      >
        <ExpenseFields idPrefix="expense" register={register} errors={formState.errors} categories={categories} />
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
