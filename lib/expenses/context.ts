import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { RateLimiter } from "../rate-limit";

/** What the expenses repository needs of the receipt files: deleting an expense deletes them; saving a scan keeps its photo. */
export type ExpenseFiles = {
  removeAllOf(userId: string, expenseId: string): Promise<void>;
  keep(keys: readonly string[]): Promise<void>;
};

export type ExpenseRepositoryDeps = {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** HMAC key for list cursors (Resource.CursorSecret.value). */
  cursorSecret: string;
  /** Counts every write of a user; absent = unlimited (tests of other concerns, bulk tools). */
  rateLimiter?: RateLimiter;
  /** Receipt objects to remove with an expense; absent = no bucket (tests of other concerns, bulk tools). */
  files?: ExpenseFiles;
  now?: () => Date;
  newId?: () => string;
  /** Items a `q` search may evaluate per request before returning a cursor; default SEARCH_BUDGET. */
  searchBudget?: number;
};

/** What every repository operation runs with: its dependencies and the verified user it is scoped to. */
export type UserContext = Required<Omit<ExpenseRepositoryDeps, "rateLimiter" | "files">> &
  Pick<ExpenseRepositoryDeps, "rateLimiter" | "files"> & { userId: string };
