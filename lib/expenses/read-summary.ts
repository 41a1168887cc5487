import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { formatAmount } from "../money";
import type { Summary, SummaryQuery } from "../schemas";
import type { UserContext } from "./context";
import { aggregateCells, aggregateKey, type AggregateCell } from "./items";

/** Ordinal (code unit) order: deterministic across locales and much cheaper than localeCompare. */
const ordinal = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byCell = (a: AggregateCell, b: AggregateCell) => ordinal(a.month, b.month) || ordinal(a.currency, b.currency) || ordinal(a.category, b.category);

/**
 * Totals per month x currency x category, read from the monthly aggregate items only: one Query over the
 * key range AGG#<from>..AGG#<to> returns at most one small item per month, whatever the number of expenses.
 */
export async function readSummary({ client, tableName, userId }: UserContext, { from, to }: SummaryQuery): Promise<Summary> {
  const cells: AggregateCell[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: "userId = :pk AND sk BETWEEN :low AND :high",
        ExpressionAttributeValues: { ":pk": userId, ":low": aggregateKey(userId, from).sk, ":high": aggregateKey(userId, to).sk },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) cells.push(...aggregateCells(item));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  const totals = cells.sort(byCell).map(({ month, currency, category, totalMinor, count }) => ({
    month,
    currency,
    category,
    amount: formatAmount(totalMinor, currency),
    count,
  }));
  return { from, to, totals };
}
