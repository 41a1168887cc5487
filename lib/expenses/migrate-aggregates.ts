/**
 * Moves legacy aggregates (one item per month, `AGG#<YYYY-MM>`, cells `t#<CUR>#<category>`) to one item per
 * month x category. Each legacy item goes in one transaction: its cells are ADDed to the new items and the
 * legacy item is deleted, so the data is always in exactly one of the two layouts and a summary (which reads
 * both) stays exact throughout, even with users writing at the same time. An admin job: it Scans the table.
 */
import { ScanCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { AggregateDelta } from "./aggregate";
import { aggregateCells, isLegacyAggregate } from "./items";
import { MAX_TRANSACTION_ITEMS, transactWrite, TransactionRefused } from "./transact";
import { aggregateWrites } from "./write-expenses";

/** A transaction's room: the legacy item's delete and the category items. */
const MAX_CATEGORIES = MAX_TRANSACTION_ITEMS - 1;

export async function migrateAggregates(client: DynamoDBDocumentClient, tableName: string): Promise<{ migrated: number }> {
  let migrated = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: "begins_with(sk, :agg)",
        ExpressionAttributeValues: { ":agg": "AGG#" },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      if (!isLegacyAggregate(item)) continue;
      const userId = String(item.userId);
      const deltas: AggregateDelta[] = aggregateCells(item);
      const categories = new Set(deltas.map((d) => d.category));
      if (categories.size > MAX_CATEGORIES) throw new Error(`${userId} ${String(item.sk)} has ${categories.size} categories; migrate it by hand`);
      // Deleted only if no cell changed since the Scan read it (an older server may still ADD to it); if one
      // did, the transaction is refused as a whole and the item is left for the next run.
      const cells = Object.entries(item).filter(([name, value]) => /^[tn]#/.test(name) && (typeof value === "number" || typeof value === "bigint"));
      const names = Object.fromEntries(cells.map(([name], i) => [`#c${i}`, name]));
      const values = Object.fromEntries(cells.map(([, value], i) => [`:c${i}`, value]));
      const unchanged = cells.map((_, i) => `#c${i} = :c${i}`).join(" AND ");
      try {
        await transactWrite(client, [
          {
            Delete: {
              TableName: tableName,
              Key: { userId, sk: item.sk },
              ConditionExpression: unchanged ? `attribute_exists(sk) AND ${unchanged}` : "attribute_exists(sk)",
              ...(unchanged ? { ExpressionAttributeNames: names, ExpressionAttributeValues: values } : {}),
            },
          },
          ...aggregateWrites({ tableName, userId }, deltas),
        ]);
        migrated++;
      } catch (error) {
        if (!(error instanceof TransactionRefused)) throw error;
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return { migrated };
}
