"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef } from "react";
import type { ExpenseJson } from "@/lib/schemas";
import { ApiError } from "@/client/api/api-fetch";
import { describeApiError } from "@/client/api/describe-api-error";
import { fieldErrors } from "@/client/api/field-errors";
import { placeExpense, refreshAfterWrite, restoreLists, snapshotLists, type CacheSnapshot } from "./expense-cache";
import type { ExpensePatchBody } from "./expense-patch";
import { updateExpense } from "./expenses-api";

export type EditResult =
  | { status: "saved"; expense: ExpenseJson }
  | { status: "stale" }
  | { status: "failed"; fieldErrors: Record<string, string>; message: string | null };

/** The expense as it will be once the patch is applied (null clears the merchant). */
function patched(expense: ExpenseJson, patch: ExpensePatchBody): ExpenseJson {
  const { merchant, tags: _tags, ...rest } = patch;
  const next: ExpenseJson = { ...expense, ...rest };
  if (merchant === null) delete next.merchant;
  else if (merchant !== undefined) next.merchant = merchant;
  return next;
}

/**
 * Saves changes to one expense against the version the form was opened with (If-Match), so a change made
 * elsewhere in between is reported as stale instead of being overwritten. The list shows the change at once
 * and goes back to the stored expense if the server refuses it.
 */
export function useEditExpense(expense: ExpenseJson) {
  const client = useQueryClient();
  const inFlight = useRef(false);
  const mutation = useMutation<ExpenseJson, unknown, ExpensePatchBody, CacheSnapshot>({
    mutationFn: (patch) => updateExpense(expense.id, expense.version, patch),
    onMutate: async (patch) => {
      const snapshot = await snapshotLists(client);
      placeExpense(client, patched(expense, patch));
      return snapshot;
    },
    onError: (_error, _patch, snapshot) => snapshot && restoreLists(client, snapshot),
    onSuccess: (saved) => placeExpense(client, saved),
    onSettled: () => refreshAfterWrite(client),
  });
  const { mutateAsync } = mutation;

  const save = useCallback(
    async (patch: ExpensePatchBody): Promise<EditResult | null> => {
      if (inFlight.current) return null;
      inFlight.current = true;
      try {
        return { status: "saved", expense: await mutateAsync(patch) };
      } catch (error) {
        if (error instanceof ApiError && error.status === 412) return { status: "stale" };
        const byField = fieldErrors(error);
        if (byField) return { status: "failed", fieldErrors: byField, message: null };
        return { status: "failed", fieldErrors: {}, message: describeApiError(error, "saving your changes") };
      } finally {
        inFlight.current = false;
      }
    },
    [mutateAsync],
  );

  return { save, isSaving: mutation.isPending };
}
