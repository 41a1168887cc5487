import { randomUUID } from "node:crypto";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { seedExpenses } from "../lib/expenses/seed-expenses";
import { expenseInputs } from "./expense-data";

export type TenantFill = { partitions: number; expensesPerPartition: number; seconds: number; itemsPerSecond: number };

/**
 * Fills the table with `partitions` users of `perUser` expenses each (and their aggregates): the given real
 * users first, then made-up user ids up to `partitions`. Every partition gets the same expenses (the
 * deterministic bench data), so a tenant's pages and summary match the single user's of the same size.
 * `parallel` users are seeded at once, each with seedExpenses' own parallel BatchWriteItems.
 */
export async function fillTenants(
  deps: { client: DynamoDBDocumentClient; tableName: string },
  realUserIds: string[],
  options: { partitions: number; perUser: number; parallel: number; onProgress?: (done: number) => void },
): Promise<TenantFill> {
  const started = Date.now();
  const inputs = expenseInputs(0, options.perUser);
  const userIds = [...realUserIds, ...Array.from({ length: Math.max(0, options.partitions - realUserIds.length) }, () => randomUUID())];
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < userIds.length) {
      const userId = userIds[next++];
      if (userId === undefined) return;
      await seedExpenses(deps, userId, inputs);
      done++;
      if (done % 100 === 0) options.onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: options.parallel }, worker));
  const seconds = (Date.now() - started) / 1000;
  return { partitions: userIds.length, expensesPerPartition: options.perUser, seconds: Math.round(seconds), itemsPerSecond: Math.round((userIds.length * options.perUser) / seconds) };
}
