import { z } from "zod";
import { CalendarDateSchema, CategorySchema, NewExpenseSchema } from "../../schemas";
import type { RowResult } from "./row-result";

export const MapRowsOptionsSchema = z.object({
  today: CalendarDateSchema.meta({ description: "The user's today (lib never reads the clock): dates after tomorrow are rejected" }),
  defaultCategory: CategorySchema.default("Other").meta({ description: "For rows without a valid category of their own" }),
});
export type MapRowsOptions = z.input<typeof MapRowsOptionsSchema>;

/** What every row mapper needs besides its settings. */
export type RowContext = { latestDate: string; defaultCategory: string };

/** Tomorrow: a card payment booked in another time zone may carry it, anything later is a wrong date. */
export function rowContext(options: MapRowsOptions): RowContext {
  const { today, defaultCategory } = MapRowsOptionsSchema.parse(options);
  const [year = 0, month = 1, day = 1] = today.split("-").map(Number);
  return { latestDate: new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10), defaultCategory };
}

export const skipped = (line: number, reason: string): RowResult => ({ kind: "skipped", line, reason });
export const rejected = (line: number, reason: string): RowResult => ({ kind: "rejected", line, reason });

/** The file's category if it is a valid one, else the default ("Other"). */
export function categoryOf(cell: string, context: RowContext): string {
  const parsed = CategorySchema.safeParse(cell);
  return parsed.success ? parsed.data : context.defaultCategory;
}

const LABELS: Record<string, string> = {
  date: "The date",
  amount: "The amount",
  currency: "The currency",
  category: "The category",
  description: "The description",
  merchant: "The merchant",
  tags: "A tag",
};

/**
 * The row through NewExpenseSchema — the very schema POST /api/expenses uses, so an imported expense is
 * valid by the same rules — or a rejection naming the field and the value as the file wrote it.
 */
export function finishExpense(
  line: number,
  input: z.input<typeof NewExpenseSchema>,
  written: { date: string; amount: string } & Readonly<Record<string, string | undefined>>,
  context: RowContext,
): RowResult {
  if (input.date > context.latestDate && CalendarDateSchema.safeParse(input.date).success) {
    return rejected(line, `The date '${written.date}' is in the future`);
  }
  const parsed = NewExpenseSchema.safeParse(input);
  if (parsed.success) return { kind: "expense", line, input: parsed.data };
  const [issue] = parsed.error.issues;
  const field = String(issue?.path[0] ?? "");
  const message = issue?.message ?? "is invalid";
  if (field === "amount") return rejected(line, `${message.charAt(0).toUpperCase()}${message.slice(1)}: '${written.amount}'`);
  if (field === "date") return rejected(line, `The date '${written.date}' is not a real date`);
  return rejected(line, `${LABELS[field] ?? "The row"} '${written[field] ?? ""}' ${message}`);
}
