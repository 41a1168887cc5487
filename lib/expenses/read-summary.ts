import { QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { formatAmount } from "../money";
import type { Summary, SummaryQuery } from "../schemas";
import { monthOf } from "./aggregate";
import type { UserContext } from "./context";
import { aggregateCells, aggregateRange, BY_DATE_INDEX, dateKeyRange, ExpenseItemSchema, parseStored, type AggregateCell } from "./items";
import { summaryPlan, type DateRange } from "./summary-months";

/** Ordinal (code unit) order: deterministic across locales and much cheaper than localeCompare. */
const ordinal = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byCell = (a: AggregateCell, b: AggregateCell) => ordinal(a.month, b.month) || ordinal(a.currency, b.currency) || ordinal(a.category, b.category);

/** The attributes of an expense a total needs: read back with a projection, parsed with the item's own rules. */
const SummedItemSchema = ExpenseItemSchema.pick({ date: true, amountMinor: true, currency: true, category: true });

type Ctx = Pick<UserContext, "client" | "tableName" | "userId">;
export type ReadSummaryOptions = {
  /** Items per Query page (DynamoDB's own 1 MB pages when absent); tests set it small to exercise paging. */
  pageLimit?: number;
};

/** Every page of a Query, each item handed to `onItem` (pages are never held together). */
async function queryAll(ctx: Ctx, input: Omit<QueryCommandInput, "TableName">, onItem: (item: Record<string, unknown>) => void, options: ReadSummaryOptions) {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await ctx.client.send(
      new QueryCommand({ ...input, TableName: ctx.tableName, ConsistentRead: true, ExclusiveStartKey: startKey, ...(options.pageLimit ? { Limit: options.pageLimit } : {}) }),
    );
    for (const item of page.Items ?? []) onItem(item);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** Cells of whole months from their aggregate items: one Query over the months' key range. */
async function aggregateTotals(ctx: Ctx, months: DateRange, add: (cell: AggregateCell) => void, options: ReadSummaryOptions) {
  const { low, high } = aggregateRange(months.from, months.to);
  await queryAll(
    ctx,
    {
      KeyConditionExpression: "userId = :pk AND sk BETWEEN :low AND :high",
      ExpressionAttributeValues: { ":pk": ctx.userId, ":low": low, ":high": high },
    },
    // A cell can be in a legacy month item and in its new item while the migration runs: they add up.
    (item) => aggregateCells(item).forEach(add),
    options,
  );
}

/** Cells of a range inside one month, summed from its expense items: a BETWEEN on the LSI byDate. */
async function itemTotals(ctx: Ctx, range: DateRange, add: (cell: AggregateCell) => void, options: ReadSummaryOptions) {
  const { low, high } = dateKeyRange(range.from, range.to);
  await queryAll(
    ctx,
    {
      IndexName: BY_DATE_INDEX,
      KeyConditionExpression: "userId = :pk AND dateKey BETWEEN :low AND :high",
      ExpressionAttributeValues: { ":pk": ctx.userId, ":low": low, ":high": high },
      // `date` is a reserved word; only what a total needs travels back.
      ProjectionExpression: "#date, amountMinor, currency, category",
      ExpressionAttributeNames: { "#date": "date" },
    },
    (item) => {
      const { date, amountMinor, currency, category } = parseStored(SummedItemSchema, item, "expense");
      add({ month: monthOf(date), currency, category, totalMinor: amountMinor, count: 1 });
    },
    options,
  );
}

/**
 * Exact totals per month x currency x category for any inclusive date range. Months the range covers whole
 * are read from the aggregate items (one small item per month x category, whatever the number of expenses);
 * the at most two months it cuts are summed from their expenses (a bounded Query on byDate each, in bigint
 * minor units). The cost is therefore the aggregates of the range plus the expenses of its two edge months,
 * never all the expenses of the range.
 */
export async function readSummary(ctx: Ctx, { from, to }: SummaryQuery, options: ReadSummaryOptions = {}): Promise<Summary> {
  const plan = summaryPlan({ from, to });
  const found = new Map<string, AggregateCell>();
  const add = (cell: AggregateCell) => {
    const key = JSON.stringify([cell.month, cell.currency, cell.category]);
    const seen = found.get(key);
    found.set(key, seen ? { ...seen, totalMinor: seen.totalMinor + cell.totalMinor, count: seen.count + cell.count } : { ...cell });
  };
  await Promise.all([
    plan.wholeMonths ? aggregateTotals(ctx, plan.wholeMonths, add, options) : undefined,
    ...plan.partialRanges.map((range) => itemTotals(ctx, range, add, options)),
  ]);
  const totals = [...found.values()].sort(byCell).map(({ month, currency, category, totalMinor, count }) => ({
    month,
    currency,
    category,
    amount: formatAmount(totalMinor, currency),
    count,
  }));
  return { from, to, totals };
}
