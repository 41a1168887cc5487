/**
 * The tests' handle on the local stack their global setup started (vitest's `inject`): its environment, a
 * repository on its table, its bucket. Tests only; lib/ stays free of vitest.
 */
import { randomUUID } from "node:crypto";
import type { S3Client } from "@aws-sdk/client-s3";
import { inject } from "vitest";
import { z } from "zod";
import { createDocumentClient } from "../lib/dynamo-client";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { expenseKey } from "../lib/expenses/items";
import { createExpenseRepository, type ExpenseRepositoryDeps } from "../lib/expenses/repository";
import { newExpenseInput, newUserId } from "../lib/expenses/test-support";
import { receiptKey } from "../lib/receipts/receipt-keys";
import type { ExpenseJson } from "../lib/schemas";
import { createS3Client } from "../lib/s3-client";

/** The local stack's environment (global setup), also copied into process.env for code that reads it. */
export function localStackEnv(): Record<string, string> {
  const env = inject("localStackEnv");
  Object.assign(process.env, env);
  return env;
}

export function tableNameFrom(env: Record<string, string>): string {
  return (JSON.parse(env.SST_RESOURCE_Expenses ?? "{}") as { name: string }).name;
}

/** A repository on the local stack's table with a fresh cursor secret; each test uses fresh user ids. */
export function localRepository(overrides: Partial<ExpenseRepositoryDeps> = {}) {
  const env = localStackEnv();
  const client = overrides.client ?? createDocumentClient({ endpoint: env.AWS_ENDPOINT_URL_DYNAMODB });
  const deps: ExpenseRepositoryDeps = { tableName: tableNameFrom(env), cursorSecret: randomUUID(), ...overrides, client };
  return { client, tableName: deps.tableName, expensesOf: createExpenseRepository(deps), deps };
}

/** The local stack's bucket (from its SST_RESOURCE_Files) and an S3 client signed for it. */
export function localBucket(): { s3: S3Client; bucket: string } {
  const env = localStackEnv();
  const { name } = z.object({ name: z.string().min(1) }).parse(JSON.parse(env.SST_RESOURCE_Files ?? "{}"));
  return { s3: createS3Client(env, { endpoint: env.AWS_ENDPOINT_URL_S3 }), bucket: name };
}

/**
 * A new user's expense whose receipt field is written straight into the table (no grant, no upload, no event):
 * `receipt(key)` gives its attributes for a fresh upload key under the expense.
 */
export async function expenseWithReceiptItem(
  repo: ReturnType<typeof localRepository>,
  receipt: (key: string) => Record<string, unknown>,
): Promise<{ userId: string; expense: ExpenseJson; key: string }> {
  const userId = newUserId();
  const { expense } = await repo.expensesOf(userId).create(newExpenseInput());
  const key = receiptKey({ userId, expenseId: expense.id, uploadId: ulid() });
  await repo.client.send(
    new UpdateCommand({
      TableName: repo.tableName,
      Key: expenseKey(userId, expense.id),
      UpdateExpression: "SET receipt = :r",
      ExpressionAttributeValues: { ":r": receipt(key) },
    }),
  );
  return { userId, expense, key };
}
