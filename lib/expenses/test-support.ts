/** Builders shared by the expenses tests (unit, repository and route); not used by the app. The stack they run on: local/test-stack.ts. */
import { randomUUID } from "node:crypto";
import { NewExpenseSchema, type NewExpense } from "../schemas";

export type ExpenseBody = Record<string, unknown>;

/** A valid POST /api/expenses body; override any field (or set it to undefined to drop it). */
export function expenseBody(overrides: ExpenseBody = {}): ExpenseBody {
  const body: ExpenseBody = { date: "2025-03-14", amount: "12.50", currency: "EUR", category: "Food", description: "Lunch", ...overrides };
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}

export function newExpenseInput(overrides: ExpenseBody = {}): NewExpense {
  return NewExpenseSchema.parse(expenseBody(overrides));
}

export const newUserId = (): string => randomUUID();
