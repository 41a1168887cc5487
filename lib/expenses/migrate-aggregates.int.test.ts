import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { migrateAggregates } from "./migrate-aggregates";
import { newExpenseInput, newUserId } from "./test-support";
import { localRepository } from "@/local/test-stack";

let repo: ReturnType<typeof localRepository>;
beforeAll(() => {
  repo = localRepository();
});

async function aggregateKeys(userId: string): Promise<string[]> {
  const { Items } = await repo.client.send(
    new QueryCommand({ TableName: repo.tableName, KeyConditionExpression: "userId = :u AND begins_with(sk, :a)", ExpressionAttributeValues: { ":u": userId, ":a": "AGG#" } }),
  );
  return (Items ?? []).map((item) => String(item.sk)).sort();
}

describe("aggregate migration (one item per month -> one per month x category)", () => {
  it("moves a legacy month item to its category items, keeping the summary exact before, during and after", async () => {
    const user = newUserId();
    const expenses = repo.expensesOf(user);
    // Written by an older version: one item for March with two categories in two currencies.
    await repo.client.send(
      new PutCommand({
        TableName: repo.tableName,
        Item: { userId: user, sk: "AGG#2025-03", "t#EUR#Food": 1250n, "n#EUR#Food": 1, "t#JPY#Travel": 5000, "n#JPY#Travel": 2, "t#EUR#Gone": 0, "n#EUR#Gone": 0 },
      }),
    );
    // A new write lands in the new layout next to the legacy item: both are read and add up.
    await expenses.create(newExpenseInput({ amount: "0.75", date: "2025-03-20" }));
    const expected = [
      { month: "2025-03", currency: "EUR", category: "Food", amount: "13.25", count: 2 },
      { month: "2025-03", currency: "JPY", category: "Travel", amount: "5000", count: 2 },
    ];
    expect((await expenses.summary({ from: "2025-01-01", to: "2025-12-31" })).totals).toEqual(expected);

    const { migrated } = await migrateAggregates(repo.client, repo.tableName);
    expect(migrated).toBeGreaterThanOrEqual(1);
    expect(await aggregateKeys(user)).toEqual(["AGG#2025-03#Food", "AGG#2025-03#Travel"]);
    expect((await expenses.summary({ from: "2025-01-01", to: "2025-12-31" })).totals).toEqual(expected);
    // Running it again changes nothing.
    await migrateAggregates(repo.client, repo.tableName);
    expect((await expenses.summary({ from: "2025-03-01", to: "2025-03-31" })).totals).toEqual(expected);
  });
});
