"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ExpenseJson } from "@/lib/schemas";
import { accessToken, ApiError } from "@/client/api/api-fetch";
import { describeApiError } from "@/client/api/describe-api-error";
import { placeExpense, refreshAfterWrite, removeExpense } from "./expense-cache";
import { deleteExpense } from "./expenses-api";

export type DeleteNotice = { id: string; title: string; status: "pending" } | { id: string; title: string; status: "failed"; message: string };

type Pending = { expense: ExpenseJson; timer: ReturnType<typeof setTimeout>; token: string | null };

/** How long Undo is offered before the delete is sent. */
export const UNDO_MS = 6000;

/**
 * Delete with Undo: the row leaves the list at once, and the DELETE is only sent when the Undo window closes,
 * so Undo never has to re-create anything (same id, same receipt). Leaving the page sends what is pending
 * with `keepalive`, with a token taken when the delete was asked for (no awaiting during unload).
 */
export function useUndoableDelete(delayMs = UNDO_MS) {
  const client = useQueryClient();
  const pending = useRef(new Map<string, Pending>());
  const [notices, setNotices] = useState<DeleteNotice[]>([]);

  // Rows waiting for their delete stay hidden even when a refetch (after another write) still lists them.
  const [hiddenIds, setHiddenIds] = useState<ReadonlySet<string>>(new Set());
  const hide = useCallback((id: string, isHidden: boolean) => {
    setHiddenIds((prev) => {
      const next = new Set(prev);
      if (isHidden) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);
  const drop = useCallback((id: string) => setNotices((prev) => prev.filter((notice) => notice.id !== id)), []);

  const commit = useCallback(
    async (id: string, title: string) => {
      const entry = pending.current.get(id);
      if (!entry) return;
      pending.current.delete(id);
      clearTimeout(entry.timer);
      try {
        await deleteExpense(id);
        removeExpense(client, id);
        drop(id);
      } catch (error) {
        // 404: already gone (another tab), which is what was asked for.
        if (error instanceof ApiError && error.status === 404) drop(id);
        else {
          hide(id, false);
          placeExpense(client, entry.expense);
          setNotices((prev) => prev.map((n) => (n.id === id ? { id, title, status: "failed", message: describeApiError(error, "deleting the expense") } : n)));
        }
      } finally {
        await refreshAfterWrite(client);
        hide(id, false);
      }
    },
    [client, drop, hide],
  );

  const remove = useCallback(
    (expense: ExpenseJson, title: string) => {
      if (pending.current.has(expense.id)) return;
      removeExpense(client, expense.id);
      hide(expense.id, true);
      const timer = setTimeout(() => void commit(expense.id, title), delayMs);
      const entry: Pending = { expense, timer, token: null };
      pending.current.set(expense.id, entry);
      void accessToken().then((token) => (entry.token = token), () => undefined);
      setNotices((prev) => [...prev.filter((n) => n.id !== expense.id), { id: expense.id, title, status: "pending" }]);
    },
    [client, commit, delayMs, hide],
  );

  const undo = useCallback(
    (id: string) => {
      const entry = pending.current.get(id);
      if (!entry) return;
      clearTimeout(entry.timer);
      pending.current.delete(id);
      placeExpense(client, entry.expense);
      hide(id, false);
      drop(id);
    },
    [client, drop, hide],
  );

  useEffect(() => {
    const map = pending.current;
    const flush = () => {
      for (const [id, entry] of map) {
        clearTimeout(entry.timer);
        if (entry.token) {
          void fetch(`/api/expenses/${encodeURIComponent(id)}`, { method: "DELETE", keepalive: true, headers: { authorization: `Bearer ${entry.token}` } });
        } else void deleteExpense(id, true);
      }
      map.clear();
    };
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      // Leaving the tracker inside the app: the page lives on, so the deletes are simply sent now.
      for (const [id] of map) void deleteExpense(id).catch(() => undefined);
      for (const entry of map.values()) clearTimeout(entry.timer);
      map.clear();
    };
  }, []);

  return { remove, undo, dismiss: drop, notices, hiddenIds };
}
