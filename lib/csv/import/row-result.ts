/** What mapRows says about each row of a file: an expense to store, or why it was skipped or rejected. */
import { z } from "zod";
import { NewExpenseSchema } from "../../schemas";

/** 1-based physical line where the row starts (preamble and embedded newlines counted). */
export const LineSchema = z.number().int().min(1);

/** `input` is NewExpenseSchema's output: the same validation as POST /api/expenses, amounts in minor units. */
export const ExpenseRowSchema = z.object({ kind: z.literal("expense"), line: LineSchema, input: NewExpenseSchema });
export const SkippedRowSchema = z.object({ kind: z.literal("skipped"), line: LineSchema, reason: z.string() });
export const RejectedRowSchema = z.object({ kind: z.literal("rejected"), line: LineSchema, reason: z.string() });

export const RowResultSchema = z.discriminatedUnion("kind", [ExpenseRowSchema, SkippedRowSchema, RejectedRowSchema]);
export type ExpenseRow = z.output<typeof ExpenseRowSchema>;
export type SkippedRow = z.output<typeof SkippedRowSchema>;
export type RejectedRow = z.output<typeof RejectedRowSchema>;
export type RowResult = z.output<typeof RowResultSchema>;
