/**
 * Budget items (DESIGN "Data model"): one per category, `userId | BUD#<category>`, holding that category's
 * monthly limits by currency as integer minor units — `limits: { EUR: 40000, JPY: 5000 }`. The only module
 * that knows this layout.
 */
import { z } from "zod";
import { parseStored } from "../expenses/items";
import { formatAmount } from "../money";
import type { Budget } from "../schemas";

export const BUDGET_SK_PREFIX = "BUD#";

export const budgetKey = (userId: string, category: string) => ({ userId, sk: `${BUDGET_SK_PREFIX}${category}` });

/** The document client returns numbers beyond 2^53 as bigint; limits stay far below, both are exact here. */
const MinorSchema = z.union([z.number().int(), z.bigint()]).transform((value) => BigInt(value));

export const BudgetItemSchema = z.object({
  userId: z.string(),
  sk: z.string().startsWith(BUDGET_SK_PREFIX),
  category: z.string(),
  limits: z.record(z.string().regex(/^[A-Z]{3}$/), MinorSchema),
  updatedAt: z.string(),
});
export type BudgetItem = z.output<typeof BudgetItemSchema>;

/** One category's limits: currency -> minor units. */
export type CategoryLimits = { category: string; limits: Map<string, bigint> };

export function toCategoryLimits(item: unknown): CategoryLimits {
  const { category, limits } = parseStored(BudgetItemSchema, item, "budget");
  return { category, limits: new Map(Object.entries(limits)) };
}

export function toBudgetItem(userId: string, { category, limits }: CategoryLimits, updatedAt: string) {
  // Limits are < 10^12 minor units (parseAmount), so a number holds them exactly.
  const stored = Object.fromEntries([...limits].map(([currency, minor]) => [currency, Number(minor)]));
  return { ...budgetKey(userId, category), category, limits: stored, updatedAt };
}

const ordinal = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The API's list: one entry per category x currency, by category then currency (code unit order). */
export function toBudgets(categories: CategoryLimits[]): Budget[] {
  return categories
    .flatMap(({ category, limits }) => [...limits].map(([currency, minor]) => ({ category, currency, limit: formatAmount(minor, currency) })))
    .sort((a, b) => ordinal(a.category, b.category) || ordinal(a.currency, b.currency));
}
