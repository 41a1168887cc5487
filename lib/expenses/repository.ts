import { ulid } from "ulid";
import type { ExpenseJson, ExpenseList, ExpenseListQuery, ExpensePatch, ExportQuery, NewExpense, Summary, SummaryQuery } from "../schemas";
import type { ExpenseRepositoryDeps, UserContext } from "./context";
import { toExpenseJson } from "./expense";
import { exportPages, getExpense, listExpenses, SEARCH_BUDGET } from "./read-expenses";
import { readSummary } from "./read-summary";
import { createExpense, deleteExpense, updateExpense, type CreateResult } from "./write-expenses";

export type { ExpenseRepositoryDeps } from "./context";
export type { CreateResult } from "./write-expenses";

/** Everything the API can do with one user's expenses; every call is scoped to that user's partition. */
export type UserExpenses = {
  create(input: NewExpense, idempotencyKey?: string): Promise<CreateResult>;
  get(id: string): Promise<ExpenseJson>;
  list(query: ExpenseListQuery): Promise<ExpenseList>;
  /** Every expense the filters select, page by page, for a streamed export. */
  exportPages(filters: ExportQuery): AsyncGenerator<ExpenseJson[]>;
  update(id: string, patch: ExpensePatch, expectedVersion: number): Promise<ExpenseJson>;
  remove(id: string, expectedVersion?: number): Promise<void>;
  summary(query: SummaryQuery): Promise<Summary>;
};

/**
 * The expenses repository: give it a document client, the table name and the cursor secret once; call it
 * with the verified user id (from lib/auth, never from the request) for that user's operations.
 */
export function createExpenseRepository(deps: ExpenseRepositoryDeps): (userId: string) => UserExpenses {
  const base = { now: () => new Date(), newId: () => ulid(), searchBudget: SEARCH_BUDGET, ...deps };
  return (userId) => {
    const ctx: UserContext = { ...base, userId };
    return {
      create: (input, idempotencyKey) => createExpense(ctx, input, idempotencyKey),
      get: async (id) => toExpenseJson(await getExpense(ctx, id)),
      list: (query) => listExpenses(ctx, query),
      exportPages: (filters) => exportPages(ctx, filters),
      update: (id, patch, expectedVersion) => updateExpense(ctx, id, patch, expectedVersion),
      remove: (id, expectedVersion) => deleteExpense(ctx, id, expectedVersion),
      summary: (query) => readSummary(ctx, query),
    };
  };
}
