/**
 * The table layout (DESIGN "Data model"): the only module that knows pk/sk values and index attributes.
 *   expense     userId | EXP#<id>        dateKey = <date>#<id> (LSI byDate), catKey = <userId>#<category> (GSI byCategory)
 *   aggregate   userId | AGG#<YYYY-MM>#<category>   t#<CUR> = total minor units, n#<CUR> = count (one item per
 *               month x category: writes to different categories never meet, and no item grows with categories)
 *   (legacy)    userId | AGG#<YYYY-MM>   t#<CUR>#<category>, n#<CUR>#<category> — read until migrated
 *   idempotency userId | IDEM#<key>      requestHash, response, ttl (epoch s)
 *   scan        userId | SCAN#<id>       receipt, today, currency, scan (the result), ttl (epoch s) — a photo
 *               being read for the add form; saving the expense with `scanId` turns it into EXP#<same id>
 */
import { z } from "zod";
import { ReceiptItemSchema, ReplacementItemSchema, toReceipt } from "../receipts/receipt-item";
import type { AggregateDelta } from "./aggregate";
import type { Expense } from "./expense";
import { searchTextOf } from "./search";

export const BY_DATE_INDEX = "byDate";
export const BY_CATEGORY_INDEX = "byCategory";

export type TableKey = { userId: string; sk: string };

export const expenseKey = (userId: string, id: string): TableKey => ({ userId, sk: `EXP#${id}` });
export const aggregateKey = (userId: string, month: string, category: string): TableKey => ({ userId, sk: `AGG#${month}#${category}` });

/**
 * Inclusive sk bounds of every aggregate item of the months from..to: `$` sorts right after `#`, so
 * `AGG#<to>$` is above every `AGG#<to>#<category>` (any category text) and below the next month.
 */
export function aggregateRange(from: string, to: string): { low: string; high: string } {
  return { low: `AGG#${from}`, high: `AGG#${to}$` };
}
export const scanKey = (userId: string, id: string): TableKey => ({ userId, sk: `SCAN#${id}` });
export const idempotencyItemKey = (userId: string, key: string): TableKey => ({ userId, sk: `IDEM#${key}` });
export const dateKeyOf = (expense: Pick<Expense, "date" | "id">): string => `${expense.date}#${expense.id}`;
export const categoryKeyOf = (userId: string, category: string): string => `${userId}#${category}`;

/** Inclusive dateKey bounds for a date range: "~" sorts after every ULID character. */
export function dateKeyRange(from: string | undefined, to: string | undefined): { low: string; high: string } {
  return { low: from ?? "0000-01-01", high: `${to ?? "9999-12-31"}#~` };
}

/** The document client returns numbers beyond 2^53 as bigint; both are exact integers here. */
const IntegerSchema = z.union([z.number().int(), z.bigint()]).transform((value) => BigInt(value));

export const ExpenseItemSchema = z.object({
  userId: z.string(),
  sk: z.string().startsWith("EXP#"),
  id: z.string(),
  date: z.string(),
  amountMinor: IntegerSchema,
  currency: z.string(),
  category: z.string(),
  description: z.string(),
  merchant: z.string().optional(),
  tags: z.array(z.string()).optional(),
  // The receipt state is written by the receipt routes and function; a shape this version does not know is
  // left out of the expense rather than failing every list that contains it.
  receipt: ReceiptItemSchema.optional().catch(undefined),
  replacement: ReplacementItemSchema.optional().catch(undefined),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
type ExpenseItem = z.input<typeof ExpenseItemSchema>;

/** The attributes of an expense that its fields determine (everything but pk/sk and data owned by others). */
export function expenseAttributes(userId: string, expense: Expense) {
  return {
    id: expense.id,
    date: expense.date,
    dateKey: dateKeyOf(expense),
    catKey: categoryKeyOf(userId, expense.category),
    amountMinor: expense.amountMinor,
    currency: expense.currency,
    category: expense.category,
    description: expense.description,
    search: searchTextOf(expense),
    createdAt: expense.createdAt,
    updatedAt: expense.updatedAt,
    version: expense.version,
    ...(expense.merchant !== undefined ? { merchant: expense.merchant } : {}),
    ...(expense.tags !== undefined ? { tags: expense.tags } : {}),
  };
}

export function toExpenseItem(userId: string, expense: Expense): ExpenseItem & Record<string, unknown> {
  // A new expense has no receipt: that attribute is written only by lib/receipts.
  return { ...expenseKey(userId, expense.id), ...expenseAttributes(userId, expense) };
}

/**
 * Parses what the table holds. A stored item that does not fit is our bug, not the caller's: it becomes an
 * internal error (500), never a ZodError, which lib/http would report as the client's 422.
 */
export function parseStored<T extends z.ZodType>(schema: T, item: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(item);
  if (!parsed.success) throw new Error(`stored ${what} does not match its schema: ${parsed.error.message}`);
  return parsed.data;
}

export function toExpense(item: unknown): Expense {
  const { userId: _userId, sk: _sk, receipt, replacement, ...expense } = parseStored(ExpenseItemSchema, item, "expense");
  return receipt ? { ...expense, receipt: toReceipt(receipt, replacement) } : expense;
}

/** The key DynamoDB needs to resume a query on `index` after `item` (table key + index key). */
export function indexKeyOf(index: typeof BY_DATE_INDEX | typeof BY_CATEGORY_INDEX, item: Record<string, unknown>): Record<string, string> {
  const pick = (name: string): string => {
    const value = item[name];
    if (typeof value !== "string") throw new Error(`item lacks key attribute ${name}`);
    return value;
  };
  const base = { userId: pick("userId"), sk: pick("sk"), dateKey: pick("dateKey") };
  return index === BY_CATEGORY_INDEX ? { ...base, catKey: pick("catKey") } : base;
}

const CELL = /^([tn])#([A-Z]{3})$/;
const LEGACY_CELL = /^([tn])#([A-Z]{3})#(.+)$/s;
const AGGREGATE_SK = /^AGG#(\d{4}-\d{2})(?:#(.+))?$/s;

/**
 * One UpdateItem per month x category item: `ADD` on a top-level number attribute per currency creates it at
 * 0 when absent, so concurrent writers never need the item to exist first, and the update is atomic.
 */
export function aggregateUpdate(deltas: AggregateDelta[]) {
  const names: Record<string, string> = {};
  const values: Record<string, bigint | number> = {};
  const clauses = deltas.flatMap((delta, i) => {
    names[`#t${i}`] = `t#${delta.currency}`;
    names[`#n${i}`] = `n#${delta.currency}`;
    values[`:t${i}`] = delta.totalMinor;
    values[`:n${i}`] = delta.count;
    return [`#t${i} :t${i}`, `#n${i} :n${i}`];
  });
  return { UpdateExpression: `ADD ${clauses.join(", ")}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values };
}

export type AggregateCell = { month: string; currency: string; category: string; totalMinor: bigint; count: number };

/**
 * Reads an aggregate item back into cells (month x currency x category); cells emptied by deletes (count 0)
 * are left out. A legacy month item (`AGG#<month>`, cells named `t#<CUR>#<category>`) reads the same way, so
 * summing both layouts stays exact while the migration moves one to the other.
 */
export function aggregateCells(item: Record<string, unknown>, options: { keepEmpty?: boolean } = {}): AggregateCell[] {
  const key = AGGREGATE_SK.exec(String(item.sk));
  if (!key) return [];
  const [, month = "", itemCategory] = key;
  const cells = new Map<string, AggregateCell>();
  for (const [name, value] of Object.entries(item)) {
    if (typeof value !== "number" && typeof value !== "bigint") continue;
    const match = itemCategory === undefined ? LEGACY_CELL.exec(name) : CELL.exec(name);
    if (!match) continue;
    const [, kind, currency = "", category = itemCategory ?? ""] = match;
    const cellKey = `${currency}#${category}`;
    const cell = cells.get(cellKey) ?? { month, currency, category, totalMinor: 0n, count: 0 };
    if (kind === "t") cell.totalMinor = BigInt(value);
    else cell.count = Number(value);
    cells.set(cellKey, cell);
  }
  // keepEmpty: a cell at count 0 whose total is not 0 is an inconsistency the consistency check must see.
  return [...cells.values()].filter((cell) => options.keepEmpty === true || cell.count > 0);
}

/** What a table item is, by its sort key: the consistency check reads the whole table and sorts it out. */
export function itemKindOf(sk: string): "expense" | "aggregate" | "scan" | "other" {
  if (sk.startsWith("EXP#")) return "expense";
  if (AGGREGATE_SK.test(sk)) return "aggregate";
  if (sk.startsWith("SCAN#")) return "scan";
  return "other";
}

/** Whether an item is a legacy one-item-per-month aggregate (lib/expenses/migrate-aggregates.ts moves them). */
export function isLegacyAggregate(item: Record<string, unknown>): boolean {
  const key = AGGREGATE_SK.exec(String(item.sk));
  return key !== null && key[2] === undefined;
}
