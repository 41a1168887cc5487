"use client";

import { useEffect, useRef, useState } from "react";
import { describeApiError } from "@/client/api/describe-api-error";
import { useUndoImport } from "@/client/imports/use-import";
import { Button } from "../ui/button";
import { FormMessage } from "../ui/field";

type Props = { importId: string; fileName: string; accepted: number; size?: "md" | "sm" };

const expensesWord = (n: number) => `${n} ${n === 1 ? "expense" : "expenses"}`;

/** "Undo this import", asked once more inline (focus moves to the answer; Escape keeps them). */
export function UndoImportButton({ importId, fileName, accepted, size = "md" }: Props) {
  const undo = useUndoImport();
  const [isAsking, setIsAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (isAsking) confirmRef.current?.focus();
  }, [isAsking]);
  const close = () => {
    setIsAsking(false);
    requestAnimationFrame(() => openerRef.current?.focus());
  };

  if (!isAsking) {
    return (
      <Button ref={openerRef} size={size} onClick={() => setIsAsking(true)} aria-label={`Undo this import: ${fileName}`}>
        Undo this import
      </Button>
    );
  }
  return (
    <div
      role="group"
      aria-labelledby={`undo-${importId}-question`}
      className="flex flex-col gap-2 rounded-lg border border-red-200 bg-red-50 p-3 dark:border-red-900 dark:bg-red-950"
      onKeyDown={(event) => {
        if (event.key === "Escape") close();
      }}
    >
      <p id={`undo-${importId}-question`} className="text-sm text-red-900 dark:text-red-100">
        Remove the {expensesWord(accepted)} this import added from {fileName}? Expenses you typed yourself stay.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button ref={confirmRef} variant="danger" size="sm" busy={undo.isPending} onClick={() => undo.mutate(importId, { onSuccess: () => setIsAsking(false) })}>
          Yes, undo the import
        </Button>
        <Button size="sm" onClick={close}>
          Keep them
        </Button>
      </div>
      {undo.isError ? <FormMessage tone="error">{describeApiError(undo.error, "undoing the import")}</FormMessage> : null}
    </div>
  );
}
