"use client";

import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { categorySuggestions, resolveCategory } from "@/client/expenses/category-suggestions";
import { controlClass, describedBy, FieldNotes } from "../ui/field";

type Props = UseFormRegisterReturn & {
  id: string;
  label: string;
  /** Recent ones first, then the defaults, then the user's own. */
  options: readonly string[];
  error?: string | undefined;
};

/**
 * A text box with a list of categories (the ARIA combobox pattern): a click, a tap or ArrowDown shows every
 * option; typing narrows them and offers the text as a new category, or says why it cannot be one. Enter picks
 * the highlighted option (the first while typing), Escape closes the list, Tab leaves what was typed. The
 * value is the input's own, registered with the form like any other field.
 */
export function CategoryField({ id, label, options, error, name, onChange, onBlur, ref, disabled, required }: Props) {
  const inputRef = useRef<HTMLInputElement | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const [isOpen, setIsOpen] = useState(false);
  // What was typed since the list opened; null lists every option.
  const [typed, setTyped] = useState<string | null>(null);
  const [active, setActive] = useState(-1);
  const [current, setCurrent] = useState("");
  const { suggestions, problem } = categorySuggestions(options, typed);
  const message = problem ?? error;
  const listboxId = `${id}-listbox`;
  const optionId = (index: number) => `${id}-option-${index}`;
  // Open with nothing to list (a name that cannot be one): the message under the field says why.
  const isShown = isOpen && !(typed !== null && suggestions.length === 0);
  const activeOption = isShown && active >= 0 && active < suggestions.length ? active : -1;

  useEffect(() => {
    if (activeOption >= 0) listRef.current?.children[activeOption]?.scrollIntoView({ block: "nearest" });
  }, [activeOption]);

  const open = (highlight: "current" | "last" | "none") => {
    const value = inputRef.current?.value ?? "";
    setCurrent(value);
    setTyped(null);
    setIsOpen(true);
    const index = options.findIndex((option) => option === value);
    setActive(highlight === "last" ? options.length - 1 : highlight === "current" ? Math.max(index, 0) : -1);
  };
  const close = () => {
    setIsOpen(false);
    setTyped(null);
    setActive(-1);
  };
  const commit = (value: string) => {
    const input = inputRef.current;
    if (input && input.value !== value) {
      input.value = value;
      void onChange({ target: input, type: "change" });
    }
    close();
  };
  // Leaving typed text: "pets" becomes the existing "Pets" rather than a second category.
  const settle = () => {
    if (typed === null) return close();
    commit(resolveCategory(options, inputRef.current?.value ?? ""));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = suggestions.length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (event.altKey) return event.key === "ArrowDown" ? open("none") : close();
      if (!isOpen) return open(event.key === "ArrowDown" ? "current" : "last");
      if (count === 0) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((index) => (index < 0 ? (step > 0 ? 0 : count - 1) : (index + step + count) % count));
    } else if (event.key === "Enter") {
      const choice = activeOption >= 0 ? suggestions[activeOption] : undefined;
      if (choice) {
        // Picks the option; the next Enter submits the form.
        event.preventDefault();
        commit(choice.name);
      } else settle();
    } else if (event.key === "Escape" && isShown) {
      // Only closes the list: an edit form's Escape (cancel) waits for the next one.
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  };

  return (
    <div className="flex min-w-0 flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium text-slate-700 dark:text-slate-200">
        {label}
      </label>
      <div className="relative">
        <input
          ref={(element) => {
            inputRef.current = element;
            ref(element);
          }}
          id={id}
          name={name}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={isShown}
          aria-controls={listboxId}
          aria-activedescendant={activeOption >= 0 ? optionId(activeOption) : undefined}
          aria-describedby={describedBy(id, null, message)}
          aria-invalid={message ? true : undefined}
          autoComplete="off"
          autoCapitalize="sentences"
          spellCheck={false}
          disabled={disabled}
          required={required}
          className={`${controlClass(Boolean(message))} pr-10`}
          onChange={(event) => {
            void onChange(event);
            const value = event.target.value;
            setIsOpen(true);
            setTyped(value);
            setActive(categorySuggestions(options, value).suggestions.length > 0 ? 0 : -1);
          }}
          onClick={(event) => {
            if (isOpen) return;
            // Typing right after opening replaces the name rather than adding to it.
            event.currentTarget.select();
            open("current");
          }}
          onKeyDown={onKeyDown}
          onBlur={(event) => {
            settle();
            void onBlur(event);
          }}
        />
        <svg
          viewBox="0 0 20 20"
          className="pointer-events-none absolute top-1/2 right-3 size-5 -translate-y-1/2 text-slate-500 dark:text-slate-400"
          fill="currentColor"
          aria-hidden
        >
          <path fillRule="evenodd" d="M5.23 7.21a.75.75 0 0 1 1.06.02L10 11.17l3.71-3.94a.75.75 0 1 1 1.08 1.04l-4.25 4.5a.75.75 0 0 1-1.08 0l-4.25-4.5a.75.75 0 0 1 .02-1.06Z" />
        </svg>
        {/* Pressing in the list keeps focus (and the list) in the text box until the click picks an option. */}
        <div
          hidden={!isShown}
          onMouseDown={(event) => event.preventDefault()}
          className="absolute inset-x-0 top-full z-20 mt-1 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <ul ref={listRef} id={listboxId} role="listbox" aria-label="Categories" hidden={suggestions.length === 0} className="max-h-64 overflow-y-auto overscroll-contain py-1">
            {suggestions.map((suggestion, index) => (
              <li
                key={`${suggestion.kind}:${suggestion.name}`}
                id={optionId(index)}
                role="option"
                aria-selected={index === activeOption}
                onClick={() => commit(suggestion.name)}
                onMouseMove={() => setActive(index)}
                className={`flex min-h-11 cursor-pointer items-center gap-2 px-3 py-2 text-base break-words ${
                  index === activeOption ? "bg-emerald-50 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-50" : "text-slate-800 dark:text-slate-100"
                } ${suggestion.kind === "new" ? "border-t border-slate-100 font-medium dark:border-slate-800" : ""}`}
              >
                {suggestion.kind === "new" ? (
                  <>
                    <svg viewBox="0 0 20 20" className="size-4 shrink-0 text-emerald-700 dark:text-emerald-300" fill="currentColor" aria-hidden>
                      <path d="M10 3.5a1 1 0 0 1 1 1V9h4.5a1 1 0 1 1 0 2H11v4.5a1 1 0 1 1-2 0V11H4.5a1 1 0 1 1 0-2H9V4.5a1 1 0 0 1 1-1Z" />
                    </svg>
                    <span className="min-w-0">Create “{suggestion.name}”</span>
                  </>
                ) : (
                  <>
                    <span className="min-w-0 flex-1">{suggestion.name}</span>
                    {typed === null && suggestion.name === current ? (
                      <svg viewBox="0 0 20 20" className="size-4 shrink-0 text-emerald-700 dark:text-emerald-300" fill="currentColor" aria-hidden>
                        <path fillRule="evenodd" d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.58l7.3-7.3a1 1 0 0 1 1.4 0Z" />
                      </svg>
                    ) : null}
                  </>
                )}
              </li>
            ))}
          </ul>
          {typed === null ? <p className="border-t border-slate-100 px-3 py-2 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400">Or type a name to add your own.</p> : null}
        </div>
        <span role="status" className="sr-only">
          {problem ?? ""}
        </span>
      </div>
      <FieldNotes id={id} error={message} />
    </div>
  );
}
