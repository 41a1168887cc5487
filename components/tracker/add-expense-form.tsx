"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { expenseBody, ExpenseFormSchema } from "@/client/expenses/expense-form-schema";
import type { ExpenseFormValues } from "@/client/expenses/expense-patch";
import { formatMoney, localToday } from "@/client/expenses/format-expense";
import { useAddExpense } from "@/client/expenses/use-add-expense";
import { CURRENCY_OPTIONS } from "@/client/expenses/expense-form-options";
import { TOUCH_FIRST_QUERY, useMediaQuery } from "@/client/receipts/use-media-query";
import { scanFill, scanSummary, SCANNED_FIELDS, type ScannedField } from "@/client/scans/scan-fill";
import { useScan } from "@/client/scans/use-scan";
import type { NewExpense, ScanResult } from "@/lib/schemas";
import { AttachPanel } from "../receipts/attach-panel";
import { CameraIcon } from "../receipts/receipt-icons";
import { Button } from "../ui/button";
import { FormMessage, SubmitButton } from "../ui/field";
import { EXPENSE_FIELDS, ExpenseFields, unplacedErrorsText } from "./expense-fields";
import { expenseTitle } from "./expense-title";
import { ScannedHint, ScanStatus } from "./scan-status";

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
  const receiptScan = useScan();
  const isTouchFirst = useMediaQuery(TOUCH_FIRST_QUERY);
  const [isScanPanelOpen, setIsScanPanelOpen] = useState(false);
  const scanButtonRef = useRef<HTMLButtonElement>(null);
  /** The values the last scan put in, so a field keeps its "from the receipt" note only while it holds that value. */
  const [scanned, setScanned] = useState<{ values: Partial<Record<ScannedField, string>>; summary: string } | null>(null);
  const values = useWatch({ control: form.control });

  const { phase } = receiptScan;
  /** A scan read: fill what the person has not typed in themselves. */
  const applyScan = (result: ScanResult) => {
    const typed = new Set(SCANNED_FIELDS.filter((name) => form.getFieldState(name).isDirty && getValues(name) !== ""));
    const fill = scanFill(result, { typed, currencies: CURRENCY_OPTIONS, formCurrency: getValues("currency") });
    for (const name of fill.filled) {
      const value = fill.values[name];
      if (value !== undefined) setValue(name, value, { shouldValidate: true });
    }
    setScanned({ values: fill.values, summary: scanSummary(fill, Object.keys(result).length) });
  };

  const hints = Object.fromEntries(
    SCANNED_FIELDS.filter((name) => scanned?.values[name] !== undefined && scanned.values[name] === values[name]).map((name) => [name, <ScannedHint key={name} />]),
  );

  const startScan = (file: File) => {
    setIsScanPanelOpen(false);
    setScanned(null);
    void receiptScan.scan(file, { today: localToday(new Date()), currency: getValues("currency") }, applyScan);
  };
  const clearScan = () => {
    receiptScan.discard();
    setScanned(null);
    scanButtonRef.current?.focus();
  };

  // The saved default currency arrives after the form: it applies until the person picks one.
  useEffect(() => {
    if (!formState.dirtyFields.currency) resetField("currency", { defaultValue: defaultCurrency });
  }, [defaultCurrency, formState.dirtyFields.currency, resetField]);

  const onValid = async () => {
    const values = getValues();
    setMessage(null);
    const { scanId } = receiptScan;
    const result = await add({ ...expenseBody(values), ...(scanId ? { scanId } : {}) });
    if (!result) return;
    if (result.ok) {
      const { expense } = result;
      if (scanId) {
        receiptScan.forget();
        setScanned(null);
      }
      // The list showed it at once, so the next entry may already be typed: clear only what still holds this one.
      const now = getValues();
      const cleared = (["amount", "description", "merchant"] as const).filter((name) => now[name] === values[name]);
      for (const name of cleared) setValue(name, "");
      setMessage({ tone: "info", text: `Added ${expenseTitle(expense)}, ${formatMoney(expense.amount, expense.currency)}.` });
      if (cleared.includes("amount") && document.activeElement?.closest("#add-expense-form")) setFocus("amount");
      return;
    }
    if (result.fieldErrors.scanId) {
      // The scan expired or was saved in another tab: the expense can still be added, without the photo.
      receiptScan.forget();
      setScanned(null);
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
      {/* On a narrow phone the two buttons go under the heading rather than past the card's edge. */}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="add-expense-heading" className="text-lg font-semibold whitespace-nowrap">
          Add an expense
        </h2>
        <div className="flex flex-wrap items-center gap-2">
          <Button
            ref={scanButtonRef}
            size="sm"
            aria-expanded={isScanPanelOpen}
            aria-controls="scan-receipt-panel"
            onClick={() => {
              setIsOpenOnPhone(true);
              setIsScanPanelOpen((open) => !open);
            }}
          >
            <CameraIcon className="size-4" />
            Scan receipt
          </Button>
          <Button size="sm" className="sm:hidden" aria-expanded={isOpenOnPhone} aria-controls="add-expense-form" onClick={() => setIsOpenOnPhone((open) => !open)}>
            {isOpenOnPhone ? "Close" : "Add expense"}
          </Button>
        </div>
      </div>
      {isScanPanelOpen ? (
        <AttachPanel
          id="scan-receipt-panel"
          heading="Scan a receipt: its photo fills in the form"
          isTouchFirst={isTouchFirst}
          error={null}
          onFile={startScan}
          onClose={() => {
            setIsScanPanelOpen(false);
            scanButtonRef.current?.focus();
          }}
          className="mt-4"
        />
      ) : null}
      <form
        id="add-expense-form"
        className={`mt-4 grid-cols-2 gap-4 sm:grid lg:grid-cols-12 ${isOpenOnPhone ? "grid" : "hidden"}`}
        onSubmit={(event) => void handleSubmit(onValid, () => setMessage(null))(event)}
        noValidate
      >
        {phase.name !== "idle" ? (
          <div className="col-span-2 mb-1 lg:col-span-12">
            <ScanStatus
              phase={phase}
              previewUrl={receiptScan.previewUrl}
              summary={scanned?.summary ?? null}
              onCancel={clearScan}
              onRetry={() => {
                receiptScan.discard();
                setScanned(null);
                setIsScanPanelOpen(true);
              }}
            />
          </div>
        ) : null}
        <ExpenseFields idPrefix="expense" register={register} errors={formState.errors} categories={categories} hints={hints} />
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
