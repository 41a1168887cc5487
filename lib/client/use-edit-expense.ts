"use client";

import { useCallback, useRef, useState } from "react";
import type { ExpenseJson } from "@/lib/schemas";
import { ApiError } from "./api-fetch";
import { describeApiError } from "./describe-api-error";
import type { ExpensePatchBody } from "./expense-patch";
import { updateExpense } from "./expenses-api";
import { fieldErrors } from "./field-errors";

export type EditResult =
  | { status: "saved"; expense: ExpenseJson }
  | { status: "stale" }
  | { status: "failed"; fieldErrors: Record<string, string>; message: string | null };

/**
 * Saves changes to one expense against the version the form was opened with (If-Match), so a change made
 * elsewhere in between is reported as stale instead of being overwritten.
 */
export function useEditExpense(expense: Pick<ExpenseJson, "id" | "version">) {
  const inFlight = useRef(false);
  const [isSaving, setIsSaving] = useState(false);
  const { id, version } = expense;

  const save = useCallback(
    async (patch: ExpensePatchBody): Promise<EditResult | null> => {
      if (inFlight.current) return null;
      inFlight.current = true;
      setIsSaving(true);
      try {
        return { status: "saved", expense: await updateExpense(id, version, patch) };
      } catch (error) {
        if (error instanceof ApiError && error.status === 412) return { status: "stale" };
        const byField = fieldErrors(error);
        if (byField) return { status: "failed", fieldErrors: byField, message: null };
        return { status: "failed", fieldErrors: {}, message: describeApiError(error, "saving your changes") };
      } finally {
        inFlight.current = false;
        setIsSaving(false);
      }
    },
    [id, version],
  );

  return { save, isSaving };
}
