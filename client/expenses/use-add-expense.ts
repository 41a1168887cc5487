"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef } from "react";
import type { ExpenseJson } from "@/lib/schemas";
import { describeApiError } from "@/client/api/describe-api-error";
import { fieldErrors } from "@/client/api/field-errors";
import { OPTIMISTIC_PREFIX, placeExpense, refreshAfterWrite, removeExpense, restoreLists, snapshotLists, type CacheSnapshot } from "./expense-cache";
import { createExpense, type NewExpenseBody } from "./expenses-api";

export type AddResult = { ok: true; expense: ExpenseJson } | { ok: false; fieldErrors: Record<string, string>; message: string | null };

const randomKey = () => crypto.randomUUID();

/** The row shown while the server has not answered: what was typed, marked as saving by its id. */
function optimisticExpense(body: NewExpenseBody, key: string): ExpenseJson {
  const now = new Date().toISOString();
  return {
    id: `${OPTIMISTIC_PREFIX}${key}`,
    date: body.date,
    amount: body.amount,
    currency: body.currency,
    category: body.category,
    description: body.description ?? "",
    ...(body.merchant ? { merchant: body.merchant } : {}),
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

/**
 * Submits new expenses, shown in the list at once and taken back if the server refuses. One Idempotency-Key
 * per distinct body: a double click or a retry after a lost answer sends the same key and gets the first
 * expense back; an edited body gets a fresh key (the server refuses a known key with a different body).
 */
export function useAddExpense(newKey: () => string = randomKey) {
  const client = useQueryClient();
  const pending = useRef<{ key: string; body: string } | null>(null);
  // Bodies on their way: the same one again (a double click) is ignored; a different one may follow at once.
  const inFlight = useRef(new Set<string>());

  const mutation = useMutation<ExpenseJson, unknown, { body: NewExpenseBody; key: string }, CacheSnapshot>({
    mutationFn: ({ body, key }) => createExpense(body, key),
    onMutate: async ({ body, key }) => {
      const snapshot = await snapshotLists(client);
      placeExpense(client, optimisticExpense(body, key));
      return snapshot;
    },
    onError: (_error, _vars, snapshot) => snapshot && restoreLists(client, snapshot),
    onSuccess: (expense, { key }) => {
      removeExpense(client, `${OPTIMISTIC_PREFIX}${key}`);
      placeExpense(client, expense);
    },
    // Not awaited: the form learns of the save as soon as the server answers. Awaiting the lists' refetch would
    // leave the just-saved values in the form while the next expense is being typed over them.
    onSettled: () => {
      void refreshAfterWrite(client);
    },
  });
  const { mutateAsync } = mutation;

  const add = useCallback(
    async (body: NewExpenseBody): Promise<AddResult | null> => {
      const serialised = JSON.stringify(body);
      if (inFlight.current.has(serialised)) return null;
      const key = pending.current?.body === serialised ? pending.current.key : newKey();
      pending.current = { key, body: serialised };
      inFlight.current.add(serialised);
      try {
        const expense = await mutateAsync({ body, key });
        if (pending.current?.key === key) pending.current = null;
        return { ok: true, expense };
      } catch (error) {
        const byField = fieldErrors(error);
        if (byField) return { ok: false, fieldErrors: byField, message: null };
        return { ok: false, fieldErrors: {}, message: describeApiError(error, "saving the expense") };
      } finally {
        inFlight.current.delete(serialised);
      }
    },
    [newKey, mutateAsync],
  );

  return { add, isSaving: mutation.isPending };
}
