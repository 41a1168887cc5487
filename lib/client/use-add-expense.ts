"use client";

import { useCallback, useRef, useState } from "react";
import type { ExpenseJson } from "@/lib/schemas";
import { describeApiError } from "./describe-api-error";
import { createExpense, type NewExpenseBody } from "./expenses-api";
import { fieldErrors } from "./field-errors";

export type AddResult = { ok: true; expense: ExpenseJson } | { ok: false; fieldErrors: Record<string, string>; message: string | null };

const randomKey = () => crypto.randomUUID();

/**
 * Submits new expenses. One Idempotency-Key per distinct body: a double click or a retry after a lost answer
 * sends the same key and gets the first expense back; an edited body gets a fresh key (the server refuses a
 * known key with a different body).
 */
export function useAddExpense(newKey: () => string = randomKey) {
  const pending = useRef<{ key: string; body: string } | null>(null);
  const inFlight = useRef(false);
  const [isSaving, setIsSaving] = useState(false);

  const add = useCallback(
    async (body: NewExpenseBody): Promise<AddResult | null> => {
      if (inFlight.current) return null;
      const serialised = JSON.stringify(body);
      const key = pending.current?.body === serialised ? pending.current.key : newKey();
      pending.current = { key, body: serialised };
      inFlight.current = true;
      setIsSaving(true);
      try {
        const expense = await createExpense(body, key);
        pending.current = null;
        return { ok: true, expense };
      } catch (error) {
        const byField = fieldErrors(error);
        if (byField) return { ok: false, fieldErrors: byField, message: null };
        return { ok: false, fieldErrors: {}, message: describeApiError(error, "saving the expense") };
      } finally {
        inFlight.current = false;
        setIsSaving(false);
      }
    },
    [newKey],
  );

  return { add, isSaving };
}
