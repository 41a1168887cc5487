/**
 * "Undo this import": deletes exactly the expenses the import created, batch by batch as it created them
 * (the `IMB#` records), each batch one transaction with its aggregate changes and occurrence markers, so the
 * summary stays exact and a re-import later adds those rows again. An expense the user edited since is still
 * the import's and goes; one the user already deleted is simply not there.
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { BatchGetCommand, GetCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { aggregateDeltas } from "../expenses/aggregate";
import { expenseKey, toExpense } from "../expenses/items";
import { transactWrite, TransactionRefused, type TransactItems } from "../expenses/transact";
import { aggregateWrites } from "../expenses/write-expenses";
import type { ImportWorkerDeps } from "./detect-import";
import { importBatchPrefix, importKey, occurrenceItemKey, toImportItem } from "./import-item";

const BatchRecordSchema = z.object({ sk: z.string(), ids: z.array(z.string()), keys: z.array(z.string()) });

/** `ignored`: the import is not (or no longer) being undone, e.g. a repeated delivery of the command. */
export type UndoOutcome = { outcome: "undone"; deleted: number } | { outcome: "ignored" };

export async function undoImport(deps: ImportWorkerDeps & { removeFiles?: (userId: string, expenseId: string) => Promise<void> }, userId: string, importId: string): Promise<UndoOutcome> {
  // Only an import the API moved to `undoing` is undone; Lambda may deliver a command twice.
  const { Item } = await deps.client.send(new GetCommand({ TableName: deps.tableName, Key: importKey(userId, importId), ConsistentRead: true }));
  if (!Item || toImportItem(Item).status !== "undoing") return { outcome: "ignored" };
  let deleted = 0;
  for (;;) {
    const { Items } = await deps.client.send(
      new QueryCommand({
        TableName: deps.tableName,
        KeyConditionExpression: "userId = :u AND begins_with(sk, :p)",
        ExpressionAttributeValues: { ":u": userId, ":p": importBatchPrefix(importId) },
        ConsistentRead: true,
        Limit: 20,
      }),
    );
    if (!Items || Items.length === 0) break;
    for (const raw of Items) {
      const batch = BatchRecordSchema.parse(raw);
      deleted += await undoBatch(deps, userId, batch);
    }
  }
  try {
    await deps.client.send(
      new UpdateCommand({
        TableName: deps.tableName,
        Key: importKey(userId, importId),
        UpdateExpression: "SET #status = :undone, updatedAt = :now",
        ConditionExpression: "#status = :undoing",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":undone": "undone", ":undoing": "undoing", ":now": (deps.now ?? (() => new Date()))().toISOString() },
      }),
    );
  } catch (error) {
    // A concurrent delivery of the same command finished first.
    if (error instanceof ConditionalCheckFailedException) return { outcome: "ignored" };
    throw error;
  }
  return { outcome: "undone", deleted };
}

async function undoBatch(
  deps: ImportWorkerDeps & { removeFiles?: (userId: string, expenseId: string) => Promise<void> },
  userId: string,
  batch: z.infer<typeof BatchRecordSchema>,
): Promise<number> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const found = new Map<string, Record<string, unknown>>();
    let keys: Record<string, unknown>[] = batch.ids.map((id) => expenseKey(userId, id));
    while (keys.length > 0) {
      const result = await deps.client.send(new BatchGetCommand({ RequestItems: { [deps.tableName]: { Keys: keys, ConsistentRead: true } } }));
      for (const item of result.Responses?.[deps.tableName] ?? []) found.set(String(item.sk), item);
      keys = result.UnprocessedKeys?.[deps.tableName]?.Keys ?? [];
    }
    const current = [...found.values()].map((item) => ({ item, expense: toExpense(item) }));
    const items: TransactItems = [
      // Conditional on the version read: an edit landing in between makes us read again, so the aggregate
      // change always matches what is deleted.
      ...current.map(({ expense }) => ({
        Delete: {
          TableName: deps.tableName,
          Key: expenseKey(userId, expense.id),
          ConditionExpression: "#version = :version",
          ExpressionAttributeNames: { "#version": "version" },
          ExpressionAttributeValues: { ":version": expense.version },
        },
      })),
      ...aggregateWrites({ tableName: deps.tableName, userId }, current.flatMap(({ expense }) => aggregateDeltas(expense, undefined))),
      ...batch.keys.map((key) => ({ Delete: { TableName: deps.tableName, Key: occurrenceItemKey(userId, key) } })),
      { Delete: { TableName: deps.tableName, Key: { userId, sk: batch.sk } } },
    ];
    try {
      await transactWrite(deps.client, items);
    } catch (error) {
      if (error instanceof TransactionRefused) continue;
      throw error;
    }
    for (const { item, expense } of current) if (item.receipt !== undefined) await deps.removeFiles?.(userId, expense.id);
    return current.length;
  }
  throw new Error("an imported expense kept changing during the undo");
}
