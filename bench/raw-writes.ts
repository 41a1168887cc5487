import { PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { createDocumentClient } from "../lib/dynamo-client";
import { NewExpenseSchema } from "../lib/schemas";
import { TABLE_NAME } from "../local/stack";
import { perSecond } from "./load";

export type ThroughputSettings = { connections: number; seconds: number; warmupSeconds: number };

/**
 * The writes of POST /api/expenses without the app: a single PutItem of an expense, and the bare
 * TransactWriteItems every POST needs (expense Put + the month's aggregate ADD) — the ceiling for POST.
 */
export function rawWriteOps(client: DynamoDBDocumentClient, userId: string): { putItem: () => Promise<unknown>; transaction: () => Promise<unknown> } {
  const input = NewExpenseSchema.parse({ date: "2025-03-14", amount: "12.50", currency: "EUR", category: "Food", description: "Raw" });
  const item = () => {
    const id = ulid();
    return { userId, sk: `EXP#${id}`, id, dateKey: `2025-03-14#${id}`, catKey: `${userId}#Food`, ...input };
  };
  return {
    putItem: () => client.send(new PutCommand({ TableName: TABLE_NAME, Item: item() })),
    transaction: () =>
      client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: TABLE_NAME, Item: item(), ConditionExpression: "attribute_not_exists(sk)" } },
            {
              Update: {
                TableName: TABLE_NAME,
                Key: { userId, sk: "AGG#2025-03#Food" },
                UpdateExpression: "ADD #t :t, #n :n",
                ExpressionAttributeNames: { "#t": "t#EUR", "#n": "n#EUR" },
                ExpressionAttributeValues: { ":t": input.amountMinor, ":n": 1 },
              },
            },
          ],
        }),
      ),
  };
}

/** Throughput of both raw writes on the same DynamoDB Local, one after the other. */
export async function rawWrites(endpoint: string, userId: string, settings: ThroughputSettings): Promise<{ putItem: number; transaction: number }> {
  const client = createDocumentClient({ endpoint });
  const ops = rawWriteOps(client, userId);
  const rate = (op: () => Promise<unknown>) => perSecond(op, settings.connections, settings.seconds, settings.warmupSeconds);
  const putItem = await rate(ops.putItem);
  const transaction = await rate(ops.transaction);
  client.destroy();
  return { putItem, transaction };
}
