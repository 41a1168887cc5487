import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { seedExpenses } from "../lib/expenses/seed-expenses";
import { TABLE_NAME } from "../local/stack";
import { expenseInputs } from "./expense-data";

/** Grows one user's expenses to each of `sizes` in turn (only the difference is written), yielding each size once reached. */
export async function* seededSizes(client: DynamoDBDocumentClient, userId: string, sizes: number[]): AsyncGenerator<number> {
  let seeded = 0;
  for (const size of sizes) {
    const t0 = Date.now();
    await seedExpenses({ client, tableName: TABLE_NAME }, userId, expenseInputs(seeded, size - seeded));
    console.log(`seeded ${size} expenses (+${size - seeded} in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    seeded = size;
    yield size;
  }
}
