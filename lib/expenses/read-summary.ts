import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { formatAmount } from "../money";
import type { Summary, SummaryQuery } from "../schemas";
import type { UserContext } from "./context";
import { aggregateCells, aggregateRange, type AggregateCell } from "./items";

/** Ordinal (code unit) order: deterministic across locales and much cheaper than localeCompare. */
const ordinal = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byCell = (a: AggregateCell, b: AggregateCell) => ordinal(a.month, b.month) || ordinal(a.currency, b.currency) || ordinal(a.category, b.category);

/**
 * Totals per month x currency x category, read from the aggregate items only: one Query over the key range
 * of the months returns one small item per month x category, whatever the number of expenses.
 */
export async function readSummary({ client, tableName, userId }: UserContext, { from, to }: SummaryQuery): Promise<Summary> {
  const { low, high } = aggregateRange(from, to);
  const found = new Map<string, AggregateCell>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: "userId = :pk AND sk BETWEEN :low AND :high",
        ExpressionAttributeValues: { ":pk": userId, ":low": low, ":high": high },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    // A cell can be in a legacy month item and in its new item while the migration runs: they add up.
    for (const item of page.Items ?? []) {
      for (const cell of aggregateCells(item)) {
        const key = JSON.stringify([cell.month, cell.currency, cell.category]);
        const seen = found.get(key);
        found.set(key, seen ? { ...seen, totalMinor: seen.totalMinor + cell.totalMinor, count: seen.count + cell.count } : cell);
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  const totals = [...found.values()]
    .sort(byCell).map(({ month, currency, category, totalMinor, count }) => ({
    month,
    currency,
    category,
    amount: formatAmount(totalMinor, currency),
    count,
  }));
  return { from, to, totals };
}
