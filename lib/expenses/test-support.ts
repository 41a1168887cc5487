/** Builders and wiring shared by the expenses tests (unit, repository and route); not used by the app. */
import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { createDocumentClient } from "../dynamo-client";
import { NewExpenseSchema, type NewExpense } from "../schemas";
import { createExpenseRepository, type ExpenseRepositoryDeps } from "./repository";

export type ExpenseBody = Record<string, unknown>;

/** A valid POST /api/expenses body; override any field (or set it to undefined to drop it). */
export function expenseBody(overrides: ExpenseBody = {}): ExpenseBody {
  const body: ExpenseBody = { date: "2025-03-14", amount: "12.50", currency: "EUR", category: "Food", description: "Lunch", ...overrides };
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}

export function newExpenseInput(overrides: ExpenseBody = {}): NewExpense {
  return NewExpenseSchema.parse(expenseBody(overrides));
}

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

export const newUserId = (): string => randomUUID();
