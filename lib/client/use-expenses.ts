"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { ExpenseJson } from "@/lib/schemas";
import { describeApiError } from "./describe-api-error";
import { appendPage, insertExpense } from "./expense-order";
import { deleteExpense, listExpenses } from "./expenses-api";
import { ApiError } from "./api-fetch";

export type ExpensesState =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; items: ExpenseJson[]; nextCursor: string | null };

export type MoreState = { isLoading: boolean; error: string | null };

/** The signed-in user's expenses, page by page, with the local changes this tab makes. */
export function useExpenses() {
  const [state, setState] = useState<ExpensesState>({ status: "loading" });
  const [more, setMore] = useState<MoreState>({ isLoading: false, error: null });
  // Bumped on every reload so an answer to an older request never overwrites a newer one.
  const generation = useRef(0);

  // Only sets state once the answer arrives, so the mount effect never renders twice in a row.
  const fetchFirstPage = useCallback(() => {
    generation.current += 1;
    const current = generation.current;
    listExpenses(null)
      .then((page) => current === generation.current && setState({ status: "ready", items: page.items, nextCursor: page.nextCursor }))
      .catch((error: unknown) => current === generation.current && setState({ status: "error", message: describeApiError(error, "loading your expenses") }));
  }, []);

  useEffect(fetchFirstPage, [fetchFirstPage]);

  const reload = useCallback(() => {
    setState({ status: "loading" });
    setMore({ isLoading: false, error: null });
    fetchFirstPage();
  }, [fetchFirstPage]);

  const loadMore = useCallback(() => {
    if (state.status !== "ready" || !state.nextCursor || more.isLoading) return;
    const current = generation.current;
    setMore({ isLoading: true, error: null });
    listExpenses(state.nextCursor)
      .then((page) => {
        if (current !== generation.current) return;
        setState((prev) => (prev.status === "ready" ? { status: "ready", items: appendPage(prev.items, page.items), nextCursor: page.nextCursor } : prev));
        setMore({ isLoading: false, error: null });
      })
      .catch((error: unknown) => current === generation.current && setMore({ isLoading: false, error: describeApiError(error, "loading more expenses") }));
  }, [state, more.isLoading]);

  const added = useCallback((expense: ExpenseJson) => {
    setState((prev) => (prev.status === "ready" ? { ...prev, items: insertExpense(prev.items, expense, prev.nextCursor !== null) } : prev));
  }, []);

  /** Shows a changed expense with its new values, moved to where its (possibly new) date puts it. */
  const updated = useCallback((expense: ExpenseJson) => {
    setState((prev) => (prev.status === "ready" ? { ...prev, items: insertExpense(prev.items, expense, prev.nextCursor !== null) } : prev));
  }, []);

  /** Deletes on the server, then drops the row; a 404 means it is already gone (another tab), which is fine. */
  const remove = useCallback(async (id: string) => {
    try {
      await deleteExpense(id);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
    }
    setState((prev) => (prev.status === "ready" ? { ...prev, items: prev.items.filter((item) => item.id !== id) } : prev));
  }, []);

  return { state, more, reload, loadMore, added, updated, remove };
}
