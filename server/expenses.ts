/**
 * The expenses and receipts repositories of this deployment: table, bucket and cursor secret from SST's
 * `Resource` links (SST_RESOURCE_* locally), the write rate limit from server/rate-limits.ts. Kept out of lib/, so
 * lib/ is built from plain parameters and tested without SST.
 */
import { Resource } from "sst";
import { sharedDocumentClient } from "@/lib/dynamo-client";
import { createBudgets, type UserBudgets } from "@/lib/budgets/budgets";
import { createExpenseRepository, type UserExpenses } from "@/lib/expenses/repository";
import type { RateLimiter } from "@/lib/rate-limit";
import { createReceiptFiles, type ReceiptFiles } from "@/lib/receipts/receipt-files";
import { createReceipts, type UserReceipts } from "@/lib/receipts/receipts";
import { createScans, type UserScans } from "@/lib/receipts/scans";
import { sharedS3Client } from "@/lib/s3-client";
import { createSettings, type UserSettings } from "@/lib/settings/settings";
import { rateLimiters } from "./rate-limits";

type Wiring = {
  expenses: (userId: string) => UserExpenses;
  receipts: (userId: string) => UserReceipts;
  scans: (userId: string) => UserScans;
  budgets: (userId: string) => UserBudgets;
  settings: (userId: string) => UserSettings;
  rateLimiter: RateLimiter;
  files: ReceiptFiles;
};

let wiring: Wiring | undefined;

/** Built on first use, so importing a route never reads `Resource` (next build imports every route). */
function deployment(): Wiring {
  if (wiring) return wiring;
  const client = sharedDocumentClient();
  const tableName = Resource.Expenses.name;
  const rateLimiter = rateLimiters().writes;
  const files: ReceiptFiles = createReceiptFiles({ s3: sharedS3Client(), bucket: Resource.Files.name });
  wiring = {
    expenses: createExpenseRepository({ client, tableName, cursorSecret: Resource.CursorSecret.value, rateLimiter, files }),
    receipts: createReceipts({ client, tableName, files, rateLimiter }),
    scans: createScans({ client, tableName, files, rateLimiter }),
    budgets: createBudgets({ client, tableName, rateLimiter }),
    settings: createSettings({ client, tableName, rateLimiter }),
    rateLimiter,
    files,
  };
  return wiring;
}

/** The signed-in user's expenses; `userId` must come from server/auth's requireUser. */
export function expensesOf(userId: string): UserExpenses {
  return deployment().expenses(userId);
}

/** The signed-in user's receipts; `userId` must come from server/auth's requireUser. */
export function receiptsOf(userId: string): UserReceipts {
  return deployment().receipts(userId);
}

/** The signed-in user's receipt scans; `userId` must come from server/auth's requireUser. */
export function scansOf(userId: string): UserScans {
  return deployment().scans(userId);
}

/** The signed-in user's monthly budgets; `userId` must come from server/auth's requireUser. */
export function budgetsOf(userId: string): UserBudgets {
  return deployment().budgets(userId);
}

/** The signed-in user's settings; `userId` must come from server/auth's requireUser. */
export function settingsOf(userId: string): UserSettings {
  return deployment().settings(userId);
}

/** This deployment's per-user write limit and bucket files, for other wiring (server/account.ts) to share. */
export function sharedWriteWiring(): { rateLimiter: RateLimiter; files: ReceiptFiles } {
  const { rateLimiter, files } = deployment();
  return { rateLimiter, files };
}
