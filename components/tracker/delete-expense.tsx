"use client";

import { useEffect, useRef, useState } from "react";
import { describeApiError } from "@/lib/client/describe-api-error";
import { Button } from "../ui/button";

type Props = { title: string; onDelete: () => Promise<void>; className?: string };

/**
 * A delete button that asks first, inline. Focus goes to "Cancel" (the harmless choice, so a held Enter key
 * cannot delete) and back to the delete button when the question is dismissed.
 */
export function DeleteExpense({ title, onDelete, className = "" }: Props) {
  const [isAsking, setIsAsking] = useState(false);
  const [isDeleting, setIsDeleting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (isAsking) cancelRef.current?.focus();
    else if (wasAsking.current) deleteRef.current?.focus();
    wasAsking.current = isAsking;
  }, [isAsking]);

  const confirm = async () => {
    setIsDeleting(true);
    setError(null);
    try {
      await onDelete();
    } catch (err) {
      setError(describeApiError(err, "deleting the expense"));
      setIsDeleting(false);
    }
  };

  // The button keeps its grid cell while the question is open (invisible, not removed) so the row's columns
  // do not shift; the question takes a full-width line of its own below.
  const button = (
    <div className={`${className} ${isAsking ? "invisible" : ""}`}>
      <Button ref={deleteRef} variant="quiet" size="sm" onClick={() => setIsAsking(true)}>
        Delete<span className="sr-only"> {title}</span>
      </Button>
    </div>
  );
  if (!isAsking) return button;
  return (
    <>
      {button}
      <div
        role="group"
        aria-label={`Delete ${title}?`}
        className="col-span-full flex flex-wrap items-center gap-2 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-900"
        onKeyDown={(event) => event.key === "Escape" && !isDeleting && setIsAsking(false)}
      >
        <p className="mr-auto">
          Delete <span className="font-medium">{title}</span>? This cannot be undone.
        </p>
        <Button variant="danger" size="sm" busy={isDeleting} onClick={() => void confirm()}>
          Delete
        </Button>
        <Button ref={cancelRef} size="sm" disabled={isDeleting} onClick={() => setIsAsking(false)}>
          Cancel
        </Button>
        {error ? (
          <p role="alert" className="w-full font-medium">
            {error}
          </p>
        ) : null}
      </div>
    </>
  );
}
