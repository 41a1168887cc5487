import { QueryCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { MAX_TRANSACTION_ITEMS, transactWrite, type TransactItems } from "../expenses/transact";
import type { RateLimiter } from "../rate-limit";
import type { BudgetList, BudgetsPut } from "../schemas";
import { budgetChanges, groupByCategory } from "./budget-changes";
import { BUDGET_SK_PREFIX, budgetKey, toBudgetItem, toBudgets, toCategoryLimits, type CategoryLimits } from "./budget-items";

export type BudgetsDeps = {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** Counts every PUT as one write of the user; absent = unlimited (tests of other concerns). */
  rateLimiter?: RateLimiter;
  now?: () => Date;
};

/** One user's monthly limits per category x currency. */
export type UserBudgets = {
  list(): Promise<BudgetList>;
  /** Replaces every limit with `input`'s; answers the list as stored. */
  replace(input: BudgetsPut): Promise<BudgetList>;
};

export function createBudgets({ client, tableName, rateLimiter, now = () => new Date() }: BudgetsDeps): (userId: string) => UserBudgets {
  /** Every budget item of the user: at most MAX_BUDGETS small items, one page in practice. */
  async function stored(userId: string): Promise<CategoryLimits[]> {
    const categories: CategoryLimits[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: "userId = :pk AND begins_with(sk, :prefix)",
          ExpressionAttributeValues: { ":pk": userId, ":prefix": BUDGET_SK_PREFIX },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      categories.push(...(page.Items ?? []).map(toCategoryLimits));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return categories;
  }

  return (userId) => ({
    list: async () => ({ budgets: toBudgets(await stored(userId)) }),

    /**
     * Writes only what differs from the stored items, one transaction per 99 items: a PUT that changes one
     * limit writes one item, and a repeated PUT writes none. A replace that touches more than 99 categories
     * (at most 100 new + 100 removed) spans more than one transaction; each is idempotent, so a failed PUT retried
     * converges to the same state. Two concurrent PUTs: the last write of each category wins.
     */
    async replace(input) {
      await rateLimiter?.consume(userId);
      const wanted = groupByCategory(input.budgets);
      const { puts, deletes } = budgetChanges(await stored(userId), wanted);
      const updatedAt = now().toISOString();
      const items: TransactItems = [
        ...puts.map((category) => ({ Put: { TableName: tableName, Item: toBudgetItem(userId, category, updatedAt) } })),
        ...deletes.map((category) => ({ Delete: { TableName: tableName, Key: budgetKey(userId, category) } })),
      ];
      for (let i = 0; i < items.length; i += MAX_TRANSACTION_ITEMS) await transactWrite(client, items.slice(i, i + MAX_TRANSACTION_ITEMS));
      return { budgets: toBudgets(wanted) };
    },
  });
}
