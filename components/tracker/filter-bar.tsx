"use client";

import { useEffect, useState } from "react";
import { PERIOD_LABELS, PERIODS, type ExpenseFilters, type Period } from "@/client/expenses/expense-filters";
import { Field } from "../ui/field";
import { SelectField } from "../ui/select-field";

type Props = { filters: ExpenseFilters; categories: readonly string[]; onChange: (filters: ExpenseFilters) => void };

const ALL = "All categories";

/** Period presets (or a custom range), category and a search box; every change becomes a URL (see TrackerHome). */
export function FilterBar({ filters, categories, onChange }: Props) {
  const [text, setText] = useState(filters.q ?? "");
  const [urlQ, setUrlQ] = useState(filters.q ?? "");
  // The URL is the truth: Back (or Clear filters) brings its search text into the box.
  if ((filters.q ?? "") !== urlQ) {
    setUrlQ(filters.q ?? "");
    if (text.trim() !== (filters.q ?? "")) setText(filters.q ?? "");
  }
  // Typing settles for a moment before it becomes a URL (one history entry per search, not per key).
  useEffect(() => {
    const q = text.trim();
    if (q === (filters.q ?? "")) return;
    const timer = setTimeout(() => onChange({ ...filters, ...(q ? { q } : { q: undefined }) }), 350);
    return () => clearTimeout(timer);
  }, [text, filters, onChange]);

  const periodLabels = PERIODS.map((period) => PERIOD_LABELS[period]);
  const setPeriod = (label: string) => {
    const period = (PERIODS.find((p) => PERIOD_LABELS[p] === label) ?? "all") as Period;
    const next: ExpenseFilters = { ...filters, period };
    if (period !== "custom") {
      delete next.from;
      delete next.to;
    }
    onChange(next);
  };
  return (
    <search aria-label="Filter expenses" className="grid grid-cols-2 gap-3 sm:grid-cols-12">
      <div className="col-span-1 sm:col-span-3">
        <SelectField label="Period" options={periodLabels} value={PERIOD_LABELS[filters.period]} onChange={(event) => setPeriod(event.target.value)} />
      </div>
      <div className="col-span-1 sm:col-span-3">
        <SelectField
          label="Filter by category"
          options={[ALL, ...categories]}
          value={filters.category ?? ALL}
          onChange={(event) => onChange({ ...filters, category: event.target.value === ALL ? undefined : event.target.value })}
        />
      </div>
      <div className="col-span-2 sm:col-span-6">
        <Field label="Search" type="search" placeholder="Description or merchant" autoComplete="off" value={text} onChange={(event) => setText(event.target.value)} />
      </div>
      {filters.period === "custom" ? (
        <>
          <div className="col-span-1 sm:col-span-3">
            <Field label="From" type="date" value={filters.from ?? ""} onChange={(event) => onChange({ ...filters, from: event.target.value || undefined })} />
          </div>
          <div className="col-span-1 sm:col-span-3">
            <Field label="To" type="date" value={filters.to ?? ""} onChange={(event) => onChange({ ...filters, to: event.target.value || undefined })} />
          </div>
        </>
      ) : null}
    </search>
  );
}
