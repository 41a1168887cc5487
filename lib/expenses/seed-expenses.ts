import { BatchWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { NewExpense } from "../schemas";
import { aggregateDeltas, deltasByItem, mergeDeltas, type AggregateDelta } from "./aggregate";
import type { ExpenseRepositoryDeps } from "./context";
import { newExpense } from "./expense";
import { aggregateKey, aggregateUpdate, toExpenseItem } from "./items";

const BATCH = 25;
const PARALLEL = 8;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Bulk-loads expenses for benchmarks and fixtures: BatchWriteItem (25 a call, unprocessed items retried),
 * then one ADD per month for the aggregates, so the summary stays right. Not atomic and not idempotent —
 * never for user traffic, which goes through the repository's transactions.
 */
export async function seedExpenses(
  { client, tableName }: Pick<ExpenseRepositoryDeps, "client" | "tableName">,
  userId: string,
  inputs: { input: NewExpense; id: string; now: Date }[],
): Promise<void> {
  const expenses = inputs.map(({ input, id, now }) => newExpense(input, id, now));
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < expenses.length; i += BATCH) batches.push(expenses.slice(i, i + BATCH).map((e) => toExpenseItem(userId, e)));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let pending = (batches[next++] ?? []).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        pending = (result.UnprocessedItems?.[tableName] ?? []).flatMap((r) => (r.PutRequest?.Item ? [{ PutRequest: { Item: r.PutRequest.Item } }] : []));
        if (pending.length > 0) await sleep(Math.min(1_000, 20 * 2 ** attempt));
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));

  const deltas: AggregateDelta[] = expenses.flatMap((e) => aggregateDeltas(undefined, e));
  // Each month x category is its own item, so their ADDs run in parallel without meeting.
  const aggregates = deltasByItem(mergeDeltas(deltas));
  let nextAggregate = 0;
  const aggregateWorker = async () => {
    for (let item = aggregates[nextAggregate++]; item !== undefined; item = aggregates[nextAggregate++]) {
      await client.send(new UpdateCommand({ TableName: tableName, Key: aggregateKey(userId, item.month, item.category), ...aggregateUpdate(item.deltas) }));
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, aggregateWorker));
}
